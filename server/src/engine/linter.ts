import { resolveRuleSetting, type ResolvedRuleSetting, type ShipshapeConfig } from "./config";
import { encodingFinding, utf16Signature } from "./encoding";
import { MAX_CHARS_BY_KIND, detectKind } from "./kinds";
import { dockerfileLoneCrFinding } from "./lineBreaks";

export { MAX_CHARS_BY_KIND };
import { ComposeFileModel } from "./model/compose";
import { loadComposeProject, type ComposeProject } from "./model/composeProject";
import { DockerfileModel, productionTwinNames } from "./model/dockerfile";
import { builtForComposeWatch } from "./analysis/composeWatch";
import { userImageEntries } from "./knowledge/baseImages";
import { DockerignoreModel } from "./model/dockerignore";
import type { AnyRule } from "./rule";
import { rulesForKind } from "./rules";
import { experimentalEnabled, fileCheckDirective, parseSuppressions, type CheckDirective } from "./suppressions";
import { dirname, join } from "./paths";
import { LineIndex, mergeInsertions, type Range } from "./text";
import type { FileKind, Finding, Fix, ReportDescriptor, Severity, WorkspaceFs } from "./types";
import { emptyFs } from "./workspace";

/** Files larger than this are skipped with one info finding (the server and CLI stay responsive). */
export const MAX_LINT_CHARS = 2 * 1024 * 1024;

export const SKIPPED_FILE_RULE_ID = "shipshape/file-skipped";
/** The finding that says which rules a time budget skipped (see `LintOptions.budgetMs`). */
export const BUDGET_RULE_ID = "shipshape/time-budget";

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
  /**
   * Milliseconds the rules of this file may take together (the server sets one; the CLI does not). Checked
   * between rules: once spent, the remaining rules are skipped and one finding names them.
   */
  budgetMs?: number;
  /** The clock for `budgetMs` (tests pass a fake one). */
  now?: () => number;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
  /** Rules that threw; the rest of the findings are still valid. */
  ruleErrors: { ruleId: string; error: unknown }[];
  /** The parsed model, for hovers and code actions that want it. */
  model?: DockerfileModel | ComposeFileModel | DockerignoreModel;
}

/**
 * Lints one file. Never throws for bad input: a file whose model cannot be built (a parser bug, exhausted
 * stack) yields one `shipshape/file-skipped` finding that says so, and the caller goes on with other files.
 */
export function lint(options: LintOptions): LintResult {
  const steps = lintInSteps(options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same lint as `lint()`, paused after the model is built and after each rule: the language server runs it a
 * few rules at a time and drops it when a newer text of the document arrives. Each step is synchronous; the
 * result equals `lint()`'s on the same options (nothing is shared between steps but this lint's own state).
 */
export function* lintInSteps(options: LintOptions): Generator<void, LintResult, void> {
  try {
    return yield* lintUnguarded(options);
  } catch (error) {
    if (options.throwOnRuleError) throw error;
    const kind = options.kind ?? detectKind(options.path);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind,
      findings: [skippedFinding(options.path, `an internal error stopped the check (${reason.slice(0, 200)})`)],
      ruleErrors: [{ ruleId: SKIPPED_FILE_RULE_ID, error }],
    };
  }
}

/** The one info finding for a file that was not checked (too large, not text, or an internal error). */
export function skippedFinding(path: string, reason: string): Finding {
  return {
    ruleId: SKIPPED_FILE_RULE_ID,
    messageId: "skipped",
    message: `Shipshape did not check this file: ${reason}.`,
    severity: "info",
    category: "reliability",
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
    file: path,
  };
}

function* lintUnguarded(options: LintOptions): Generator<void, LintResult, void> {
  const kind = options.kind ?? detectKind(options.path);
  const result: LintResult = { kind, findings: [], ruleErrors: [] };
  if (!kind) return result;
  const { text, path } = options;
  const lines = new LineIndex(text.length > MAX_CHARS_BY_KIND[kind] ? "" : text);

  // saved as UTF-16: Docker cannot read it, and read as UTF-8 every other check would be noise
  const utf16 = utf16Signature(text);
  if (utf16) {
    result.findings.push(encodingFinding(path, kind, utf16));
    return result;
  }

  const skipped = skipReason(text, kind);
  if (skipped) {
    result.findings.push(skippedFinding(path, skipped));
    return result;
  }

  const fs = options.fs ?? emptyFs;
  // which rules run in this lint (not off): a rule that subordinates to another asks, so one problem is one finding
  const running = new Set<string>();
  const runs = (id: string) => running.has(id);
  const runningRules = new Map<string, AnyRule>();
  const optionsOf = (id: string) => {
    const r = runningRules.get(id);
    return r ? resolveRuleSetting(r, options.config).options : undefined;
  };
  let unitEnd: (line: number) => number;
  let fixesTrusted = true;
  let checkScopeEnd: ((line: number) => number) | undefined;
  let checkDirective: CheckDirective | undefined;
  let makeContext: (rule: AnyRule, report: (d: ReportDescriptor<string>) => void, opts: Record<string, unknown>) => unknown;

  if (kind === "dockerfile") {
    const dockerfile = new DockerfileModel(path, text, {
      hasProductionTwin: productionTwinNames(path).some((p) => fs.exists(p)),
      composeWatch: builtForComposeWatch(path, fs, options.composeCache),
    });
    if (options.config?.images) dockerfile.imageTable = userImageEntries(options.config.images);
    // without a workspace (no fs given) the build context is unknown, and the model says so
    if (options.fs) dockerfile.workspace = options.fs;
    result.model = dockerfile;
    const loneCr = dockerfileLoneCrFinding(path, text, lines);
    if (loneCr) result.findings.push(loneCr);
    unitEnd = (line) => {
      const ins = dockerfile.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
      return ins ? ins.range.end.line : line;
    };
    // a `# check=` comment above FROM covers the stage, above anything else the instruction
    checkScopeEnd = (line) => {
      const ins = dockerfile.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
      if (!ins) return line;
      if (ins.keyword !== "FROM" || !ins.stage) return ins.range.end.line;
      const last = ins.stage.instructions[ins.stage.instructions.length - 1];
      return last ? last.range.end.line : ins.range.end.line;
    };
    checkDirective = fileCheckDirective(lines);
    // a literal of one shape per call (spreading a shared base object for each of ~90 rules showed in profiles of small files)
    makeContext = (_rule, report, opts) => ({ path, text, lines, fs, runs, optionsOf, dockerfile, report, options: opts });
  } else if (kind === "compose") {
    const compose =
      options.composeCache?.get(path)?.text === text
        ? (options.composeCache.get(path) as ComposeFileModel)
        : new ComposeFileModel(path, text, lines);
    options.composeCache?.set(path, compose);
    result.model = compose;
    // Compose reads the .env next to the file whenever there is one
    const envPath = join(dirname(path), ".env");
    const envSig = utf16Signature(fs.readFile(envPath) ?? "");
    if (envSig) result.findings.push(encodingFinding(path, kind, envSig, { path: envPath }));
    // edits computed on a tree the parser recovered from errors are guesses: no fixes until the YAML parses
    // (also with duplicate keys: which of the two a fix edits, and which one Compose would keep, is a guess)
    fixesTrusted =
      compose.doc.errors.length === 0 && !compose.problems.some((p) => p.severity === "error") && compose.duplicateKeys().length === 0;
    let project: ComposeProject | undefined = options.composeProject;
    unitEnd = (line) => yamlBlockEnd(lines, line);
    makeContext = (_rule, report, opts) => {
      project ??= loadComposeProject(compose, fs, options.composeCache);
      return { path, text, lines, fs, runs, optionsOf, compose, project, report, options: opts };
    };
  } else {
    const dockerignore = new DockerignoreModel(path, text);
    result.model = dockerignore;
    unitEnd = (line) => line;
    makeContext = (_rule, report, opts) => ({ path, text, lines, fs, runs, optionsOf, dockerignore, report, options: opts });
  }

  yield; // the model is built: a pause before the rules
  const suppressions = parseSuppressions(lines, unitEnd, undefined, checkScopeEnd);
  const rules = (options.rules ?? rulesForKind(kind)).filter((r) => r.meta.kind === kind);
  // each rule's setting once per lint (the rules below and optionsOf read it again)
  const settings = rules.map((r) => resolveRuleSetting(r, options.config));
  rules.forEach((r, i) => {
    if ((settings[i] as ResolvedRuleSetting).severity !== "off") {
      running.add(r.meta.id);
      runningRules.set(r.meta.id, r);
    }
  });

  const now = options.now ?? (() => Date.now());
  const started = now();
  const skippedRules: string[] = [];
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex] as AnyRule;
    const setting = settings[ruleIndex] as ResolvedRuleSetting;
    // `# check=experimental=<name>|all` switches on a rule that covers that BuildKit check, unless configured
    if (setting.severity === "off" && options.config?.rules?.[rule.meta.id] === undefined && experimentalEnabled(rule, checkDirective))
      setting.severity = "warning";
    if (setting.severity === "off") continue;
    if (options.budgetMs !== undefined && now() - started > options.budgetMs) {
      skippedRules.push(rule.meta.id);
      continue;
    }
    const severity = setting.severity;
    const found: Finding[] = [];
    const report = (d: ReportDescriptor<string>) => {
      const message = formatMessage(rule.meta.messages[d.messageId], d.data);
      if (rule.meta.messages[d.messageId] === undefined) throw new Error(`${rule.meta.id}: unknown messageId "${d.messageId}"`);
      const reported: Fix[] = d.fixes ?? [];
      if (reported.length > 0 && !rule.meta.fixable) throw new Error(`${rule.meta.id}: reported a fix but meta.fixable is false`);
      for (const f of reported) {
        const fixKind = f.safe ? "safe" : "suggestion";
        if (!(rule.meta.fixKinds ?? []).includes(fixKind))
          throw new Error(`${rule.meta.id}: reported a ${fixKind} fix but meta.fixKinds does not declare it`);
      }
      // the same array when no fix inserts twice at one position (rules may share one fix list between findings)
      const fixes: Fix[] = !fixesTrusted
        ? []
        : reported.some((f) => mergeInsertions(f.edits).length !== f.edits.length)
          ? reported.map((f) => ({ ...f, edits: mergeInsertions(f.edits) }))
          : reported;
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
        ...(d.scope ? { scope: d.scope } : {}),
      });
    };
    try {
      (rule.check as (c: unknown) => void)(makeContext(rule, report, setting.options));
      for (const f of found) result.findings.push(f); // not push(...found): 100k+ findings overflow the call stack
    } catch (error) {
      if (options.throwOnRuleError) throw error;
      result.ruleErrors.push({ ruleId: rule.meta.id, error });
    }
    yield;
  }
  if (skippedRules.length > 0) {
    const names = skippedRules.slice(0, 5).join(", ") + (skippedRules.length > 5 ? ` and ${skippedRules.length - 5} more` : "");
    result.findings.push({
      ...skippedFinding(path, ""),
      ruleId: BUDGET_RULE_ID,
      messageId: "budget",
      message: `Shipshape stopped checking this file after ${options.budgetMs} ms; ${skippedRules.length} rules did not run: ${names}.`,
    });
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

function skipReason(text: string, kind: FileKind): string | undefined {
  const limit = Math.min(MAX_LINT_CHARS, MAX_CHARS_BY_KIND[kind]);
  if (text.length > limit) return `it is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`}`;
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
