import { resolveRuleSetting, type ShipshapeConfig } from "./config";
import { encodingFinding, utf16Signature } from "./encoding";
import { detectKind } from "./kinds";
import { dockerfileLoneCrFinding } from "./lineBreaks";
import { ComposeFileModel } from "./model/compose";
import { loadComposeProject, type ComposeProject } from "./model/composeProject";
import { DockerfileModel } from "./model/dockerfile";
import { userImageEntries } from "./knowledge/baseImages";
import { DockerignoreModel } from "./model/dockerignore";
import type { AnyRule, ContextByKind } from "./rule";
import { rulesForKind } from "./rules";
import { parseSuppressions } from "./suppressions";
import { dirname, join } from "./paths";
import { LineIndex, type Range } from "./text";
import type { FileKind, Finding, Fix, ReportDescriptor, Severity, WorkspaceFs } from "./types";
import { emptyFs } from "./workspace";

/** Files larger than this are skipped with one info finding (the server and CLI stay responsive). */
export const MAX_LINT_CHARS = 2 * 1024 * 1024;

export const SKIPPED_FILE_RULE_ID = "shipshape/file-skipped";

export interface LintOptions {
  /** Absolute path, POSIX separators. */
  path: string;
  text: string;
  /** Overrides detection by file name. */
  kind?: FileKind;
  fs?: WorkspaceFs;
  config?: ShipshapeConfig;
  /** Defaults to the whole registry. */
  rules?: readonly AnyRule[];
  /** Parsed compose files shared across one lint run, keyed by path. */
  composeCache?: Map<string, ComposeFileModel>;
  /** A precomputed project (the server keeps one per folder). */
  composeProject?: ComposeProject;
  /** Tests set this so a crashing rule fails loudly; otherwise a crash drops that rule's findings. */
  throwOnRuleError?: boolean;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
  /** Rules that threw; the rest of the findings are still valid. */
  ruleErrors: { ruleId: string; error: unknown }[];
  /** The parsed model, for hovers and code actions that want it. */
  model?: DockerfileModel | ComposeFileModel | DockerignoreModel;
}

export function lint(options: LintOptions): LintResult {
  const kind = options.kind ?? detectKind(options.path);
  const result: LintResult = { kind, findings: [], ruleErrors: [] };
  if (!kind) return result;
  const { text, path } = options;
  const lines = new LineIndex(text.length > MAX_LINT_CHARS ? "" : text);

  // saved as UTF-16: Docker cannot read it, and read as UTF-8 every other check would be noise
  const utf16 = utf16Signature(text);
  if (utf16) {
    result.findings.push(encodingFinding(path, kind, utf16));
    return result;
  }

  const skipped = skipReason(text);
  if (skipped) {
    result.findings.push({
      ruleId: SKIPPED_FILE_RULE_ID,
      messageId: "skipped",
      message: `Shipshape did not check this file: ${skipped}.`,
      severity: "info",
      category: "reliability",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fixes: [],
      file: path,
    });
    return result;
  }

  const fs = options.fs ?? emptyFs;
  let ctxBase: Omit<ContextByKind<string>["dockerfile"], "dockerfile" | "report" | "options"> = { path, text, lines, fs };
  let unitEnd: (line: number) => number;
  let makeContext: (rule: AnyRule, report: (d: ReportDescriptor<string>) => void, opts: Record<string, unknown>) => unknown;

  if (kind === "dockerfile") {
    const dockerfile = new DockerfileModel(path, text);
    if (options.config?.images) dockerfile.imageTable = userImageEntries(options.config.images);
    result.model = dockerfile;
    const loneCr = dockerfileLoneCrFinding(path, text, lines);
    if (loneCr) result.findings.push(loneCr);
    unitEnd = (line) => {
      const ins = dockerfile.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
      return ins ? ins.range.end.line : line;
    };
    makeContext = (_rule, report, opts) => ({ ...ctxBase, dockerfile, report, options: opts });
  } else if (kind === "compose") {
    const compose =
      options.composeCache?.get(path)?.text === text
        ? (options.composeCache.get(path) as ComposeFileModel)
        : new ComposeFileModel(path, text);
    options.composeCache?.set(path, compose);
    result.model = compose;
    // Compose reads the .env next to the file whenever there is one
    const envPath = join(dirname(path), ".env");
    const envSig = utf16Signature(fs.readFile(envPath) ?? "");
    if (envSig) result.findings.push(encodingFinding(path, kind, envSig, { path: envPath }));
    let project: ComposeProject | undefined = options.composeProject;
    unitEnd = (line) => yamlBlockEnd(lines, line);
    makeContext = (_rule, report, opts) => {
      project ??= loadComposeProject(compose, fs, options.composeCache);
      return { ...ctxBase, compose, project, report, options: opts };
    };
  } else {
    const dockerignore = new DockerignoreModel(path, text);
    result.model = dockerignore;
    unitEnd = (line) => line;
    makeContext = (_rule, report, opts) => ({ ...ctxBase, dockerignore, report, options: opts });
  }
  ctxBase = { path, text, lines, fs };

  const suppressions = parseSuppressions(lines, unitEnd);
  const rules = (options.rules ?? rulesForKind(kind)).filter((r) => r.meta.kind === kind);

  for (const rule of rules) {
    const setting = resolveRuleSetting(rule, options.config);
    if (setting.severity === "off") continue;
    const severity = setting.severity;
    const found: Finding[] = [];
    const report = (d: ReportDescriptor<string>) => {
      const message = formatMessage(rule.meta.messages[d.messageId], d.data);
      if (rule.meta.messages[d.messageId] === undefined) throw new Error(`${rule.meta.id}: unknown messageId "${d.messageId}"`);
      const fixes: Fix[] = d.fixes ?? [];
      if (fixes.length > 0 && !rule.meta.fixable) throw new Error(`${rule.meta.id}: reported a fix but meta.fixable is false`);
      for (const f of fixes) {
        const kind = f.safe ? "safe" : "suggestion";
        if (!(rule.meta.fixKinds ?? []).includes(kind))
          throw new Error(`${rule.meta.id}: reported a ${kind} fix but meta.fixKinds does not declare it`);
      }
      const range = clampRange(d.range, lines);
      if (suppressions.isSuppressed(rule, range.start.line)) return;
      const cap = rule.meta.severityCaps?.[d.messageId];
      found.push({
        ruleId: rule.meta.id,
        messageId: d.messageId,
        message,
        severity: cap && SEVERITY_RANK[cap] > SEVERITY_RANK[severity] ? cap : severity,
        category: rule.meta.category,
        range,
        fixes,
        file: path,
      });
    };
    try {
      (rule.check as (c: unknown) => void)(makeContext(rule, report, setting.options));
      result.findings.push(...found);
    } catch (error) {
      if (options.throwOnRuleError) throw error;
      result.ruleErrors.push({ ruleId: rule.meta.id, error });
    }
  }
  result.findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId),
  );
  return result;
}

/** Higher is milder. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function formatMessage(template: string | undefined, data: Record<string, string | number> | undefined): string {
  if (template === undefined) return "";
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

function skipReason(text: string): string | undefined {
  if (text.length > MAX_LINT_CHARS) return `it is larger than ${Math.round(MAX_LINT_CHARS / 1024 / 1024)} MB`;
  const head = text.slice(0, 8192);
  if (head.includes("\u0000")) return "it looks like a binary file (it contains NUL bytes)";
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  if (head.length > 0 && bad / head.length > 0.1) return "it is not UTF-8 text";
  return undefined;
}

function clampRange(r: Range, lines: LineIndex): Range {
  const clampPos = (p: Range["start"]) => lines.positionAt(lines.offsetAt(p));
  const start = clampPos(r.start);
  const end = clampPos(r.end);
  return end.line < start.line || (end.line === start.line && end.character < start.character) ? { start, end: start } : { start, end };
}

/** A YAML block: the line and the lines after it that are indented deeper (or blank). */
function yamlBlockEnd(lines: LineIndex, line: number): number {
  const indent = (s: string) => s.length - s.trimStart().length;
  const first = lines.lineText(line);
  const base = indent(first.replace(/^(\s*)- /, "$1  "));
  let end = line;
  for (let l = line + 1; l < lines.lineCount && l < line + 100_000; l++) {
    const t = lines.lineText(l);
    if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
    if (indent(t) <= indent(first) && !(first.trimStart().startsWith("- ") && indent(t) > indent(first))) break;
    if (indent(t) < base && !t.trimStart().startsWith("- ")) break;
    end = l;
  }
  return end;
}
