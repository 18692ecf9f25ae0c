/**
 * Table-driven rule tests, in the spirit of ESLint's RuleTester.
 *
 *   testRule(rule, {
 *     valid: ["FROM python:3.13-slim\n", { code, fileName, files, options }],
 *     invalid: [{ code: "FROM «python»\n", errors: [{ messageId: "untagged" }], output: "FROM python:3.13\n" }],
 *   });
 *
 * - `«` and `»` in `code` mark the expected range of the first error (they are removed before linting);
 *   or give `line`/`column` (1-based) in an error.
 * - `output` is the text after applying, for every finding, its fix number `fixIndex` (default 0);
 *   the result is linted again and this rule must not fire on it any more (unless `outputStillFires`).
 * - `files` are neighbours of the linted file, relative to its folder ("../.dockerignore" works).
 * - ONBUILD re-run (Dockerfile rules, as hadolint's specs do): every case with shell-form RUN lines runs again with
 *   each `RUN` written as `ONBUILD RUN`; valid cases must stay quiet, invalid ones must report the same message ids
 *   (and, with `output`, the fixed text with the same wrapping). A rule that does not look at ONBUILD triggers says
 *   why in `{ onbuild: { skip } }`; one whose fixes apply to plain RUN only says why in `{ onbuild: { noFix } }`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../../server/src/engine/linter";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";
import { DockerfileModel } from "../../../server/src/engine/model/dockerfile";
import { resolvePath } from "../../../server/src/engine/paths";
import type { AnyRule } from "../../../server/src/engine/rule";
import { applyEdits, type Range } from "../../../server/src/engine/text";
import type { FileChange, Finding } from "../../../server/src/engine/types";
import { CONFIG_FILE_NAMES } from "../../../server/src/engine/config";
import { detectKind } from "../../../server/src/engine/kinds";
import { basename } from "../../../server/src/engine/paths";
import type { WorkspaceFs } from "../../../server/src/engine/types";
import { COMPOSE_PROJECT_READS, LINTER_READS, matchesNameGlob } from "../../../server/src/engine/watch";
import { memoryFs } from "../../../server/src/engine/workspace";

/**
 * The workspace a rule test runs in, failing the test when the rule reads a file its metadata does not declare:
 * the editor watches only declared neighbours (engine/watch.ts), so an undeclared read goes stale after an edit.
 * Linted kinds of file, config files, what the linter itself reads and `.git` (the repository root) are always
 * watched or not files.
 */
function declaredReadsFs(rule: AnyRule, files: Record<string, string>): WorkspaceFs {
  const inner = memoryFs(files);
  const check = (path: string) => {
    const name = basename(path);
    if (name === ".git" || CONFIG_FILE_NAMES.includes(name) || LINTER_READS.includes(name) || detectKind(path) !== undefined) return;
    if ((rule.meta.reads ?? []).some((glob) => matchesNameGlob(name, glob))) return;
    // files named by include / extends.file, read through the compose model
    if (rule.meta.kind === "compose" && COMPOSE_PROJECT_READS.some((glob) => matchesNameGlob(name, glob))) return;
    assert.fail(`${rule.meta.id} read ${path}, which its meta.reads does not declare (${JSON.stringify(rule.meta.reads ?? [])})`);
  };
  return {
    readFile: (p) => (check(p), inner.readFile(p)),
    exists: (p) => (check(p), inner.exists(p)),
    isDirectory: (p) => inner.isDirectory(p),
    readDir: (p) => inner.readDir(p),
  };
}

export const WORKSPACE = "/ws";

export interface ValidCase {
  code: string;
  name?: string;
  /** Why this case is not re-run as ONBUILD RUN (a trigger runs in a child image, where the case's premise does not hold). */
  notOnbuild?: string;
  fileName?: string;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
}

export interface ExpectedError {
  messageId: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  output?: string;
  fixIndex?: number;
  outputStillFires?: boolean;
  /** Expected changes to other files: path relative to the linted file's folder -> resulting contents. */
  outputFiles?: Record<string, string>;
}

function defaultFileName(rule: AnyRule): string {
  return rule.meta.kind === "compose" ? "compose.yml" : rule.meta.kind === "dockerignore" ? ".dockerignore" : "Dockerfile";
}

function stripMarkers(code: string): { text: string; marked?: Range } {
  const a = code.indexOf("«");
  const b = code.indexOf("»");
  if (a < 0 || b < a) return { text: code };
  const text = code.slice(0, a) + code.slice(a + 1, b) + code.slice(b + 1);
  const pos = (offset: number) => {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length - 1, character: (before[before.length - 1] as string).length };
  };
  return { text, marked: { start: pos(a), end: pos(b - 1) } };
}

export function runRule(
  rule: AnyRule,
  c: ValidCase & { text?: string },
): { findings: Finding[]; path: string; files: Record<string, string> } {
  const fileName = c.fileName ?? defaultFileName(rule);
  const path = resolvePath(WORKSPACE, fileName);
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  const text = c.text ?? c.code;
  const files: Record<string, string> = { [path]: text };
  for (const [rel, contents] of Object.entries(c.files ?? {})) files[resolvePath(dir, rel)] = contents;
  const result = lint({
    path,
    text,
    kind: rule.meta.kind,
    fs: declaredReadsFs(rule, files),
    rules: [rule],
    config: {
      rules: {
        [rule.meta.id]: { severity: rule.meta.defaultSeverity === "off" ? "warning" : rule.meta.defaultSeverity, options: c.options },
      },
    },
    throwOnRuleError: true,
  });
  return { findings: result.findings, path, files };
}

function parsesCleanly(rule: AnyRule, path: string, text: string): void {
  if (rule.meta.kind === "compose") {
    const m = new ComposeFileModel(path, text);
    assert.deepEqual(
      m.problems.filter((p) => p.severity === "error").map((p) => p.message),
      [],
      `fixed output must still be valid YAML:\n${text}`,
    );
  } else if (rule.meta.kind === "dockerfile") {
    assert.doesNotThrow(() => new DockerfileModel(path, text));
  }
}

export interface TestRuleOptions {
  /** Why this Dockerfile rule's cases are not re-run as `ONBUILD RUN` (it checks the image being built, not triggers). */
  onbuild?: { skip: string } | { noFix: string };
}

/** Every `RUN ` line written as `ONBUILD RUN `; undefined when the case has no RUN line that can be wrapped. */
export function wrapInOnbuild(code: string): string | undefined {
  const lines = code.split("\n");
  let wrapped = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)RUN(\s+)(.*)$/i.exec(lines[i] as string);
    if (!m) continue;
    const rest = m[3] as string;
    // ONBUILD RUN with flags, the JSON form or a here-document is read differently; such cases are not wrapped
    if (/^(--|\[)/.test(rest) || rest.includes("<<")) return undefined;
    lines[i] = `${m[1]}ONBUILD RUN${m[2]}${rest}`;
    wrapped++;
  }
  return wrapped > 0 ? lines.join("\n") : undefined;
}

export function testRule(
  rule: AnyRule,
  cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] },
  testOptions: TestRuleOptions = {},
): void {
  if (rule.meta.kind === "dockerfile" && !(testOptions.onbuild && "skip" in testOptions.onbuild))
    testOnbuild(rule, cases, testOptions.onbuild !== undefined && "noFix" in testOptions.onbuild);
  describe(rule.meta.id, () => {
    cases.valid.forEach((raw, i) => {
      const c: ValidCase = typeof raw === "string" ? { code: raw } : raw;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const { findings } = runRule(rule, c);
        assert.deepEqual(
          findings.map((f) => `${f.messageId}@${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
          [],
          "expected no findings",
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const { text, marked } = stripMarkers(c.code);
        const { findings, path, files } = runRule(rule, { ...c, text });
        assert.deepEqual(
          findings.map((f) => f.messageId),
          c.errors.map((e) => e.messageId),
          `message ids (got: ${findings.map((f) => `${f.messageId}@${f.range.start.line + 1}:${f.range.start.character + 1}`).join(", ")})`,
        );
        if (marked) assert.deepEqual(findings[0]?.range, marked, "range of the first finding (« »)");
        c.errors.forEach((e, k) => {
          const f = findings[k] as Finding;
          if (e.line !== undefined) assert.equal(f.range.start.line + 1, e.line, `line of error ${k + 1}`);
          if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `column of error ${k + 1}`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `end line of error ${k + 1}`);
          if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `end column of error ${k + 1}`);
        });
        if (c.output !== undefined || c.outputFiles !== undefined) {
          const fixes = findings.map((f) => f.fixes[c.fixIndex ?? 0]).filter((x) => x !== undefined);
          assert.ok(fixes.length > 0, "expected a fix");
          const output = applyEdits(
            text,
            fixes.flatMap((f) => f.edits),
          );
          if (c.output !== undefined) {
            assert.equal(output, c.output, "fixed text");
            parsesCleanly(rule, path, output);
          }
          const changed: Record<string, string> = { ...files, [path]: output };
          for (const ch of fixes.flatMap((f) => f.changes ?? [])) applyChange(changed, ch);
          const dir = path.slice(0, path.lastIndexOf("/")) || "/";
          for (const [rel, expected] of Object.entries(c.outputFiles ?? {})) {
            assert.equal(changed[resolvePath(dir, rel)], expected, `contents of ${rel} after the fix`);
          }
          if (!c.outputStillFires) {
            const neighbours: Record<string, string> = {};
            for (const [p, t] of Object.entries(changed)) if (p !== path) neighbours[p] = t;
            const again = runRule(rule, { ...c, code: output, text: output, files: relativeTo(dir, neighbours) });
            assert.deepEqual(
              again.findings.map((f) => `${f.messageId}@${f.range.start.line + 1}`),
              [],
              `the rule still fires after the fix:\n${output}`,
            );
          }
        }
      });
    });
  });
}

function testOnbuild(rule: AnyRule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }, noFix: boolean): void {
  const valid = cases.valid
    .map((raw): ValidCase => (typeof raw === "string" ? { code: raw } : raw))
    .filter((c) => c.notOnbuild === undefined)
    .map((c) => ({ ...c, code: wrapInOnbuild(c.code) as string }))
    .filter((c) => c.code !== undefined);
  const invalid = cases.invalid
    .map((c): InvalidCase | undefined => {
      const code = wrapInOnbuild(c.code);
      if (code === undefined) return undefined;
      const output = c.output === undefined ? undefined : wrapInOnbuild(c.output);
      if (c.output !== undefined && output === undefined && /^\s*RUN\s/im.test(c.output)) return undefined;
      return {
        ...c,
        code,
        output: c.output === undefined ? undefined : (output ?? c.output),
        // columns move by the length of "ONBUILD "
        errors: c.errors.map((e) => ({ messageId: e.messageId, line: e.line, endLine: e.endLine })),
      };
    })
    .filter((c): c is InvalidCase => c !== undefined);
  if (valid.length + invalid.length === 0) return;
  describe(`${rule.meta.id} (ONBUILD RUN)`, () => {
    valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const { findings } = runRule(rule, c);
        assert.deepEqual(
          findings.map((f) => `${f.messageId}@${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
          [],
          `expected no findings:\n${c.code}`,
        );
      });
    });
    invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const { text } = stripMarkers(c.code);
        const { findings } = runRule(rule, { ...c, text });
        assert.deepEqual(
          findings.map((f) => f.messageId),
          c.errors.map((e) => e.messageId),
          `message ids for:\n${text}`,
        );
        c.errors.forEach((e, k) => {
          if (e.line !== undefined) assert.equal((findings[k] as Finding).range.start.line + 1, e.line, `line of error ${k + 1}`);
        });
        if (c.output !== undefined && !noFix) {
          const fixes = findings.map((f) => f.fixes[c.fixIndex ?? 0]).filter((x) => x !== undefined);
          assert.ok(fixes.length > 0, "expected a fix");
          assert.equal(
            applyEdits(
              text,
              fixes.flatMap((f) => f.edits),
            ),
            c.output,
            "fixed text",
          );
        }
      });
    });
  });
}

export function applyChange(files: Record<string, string>, ch: FileChange): void {
  if (ch.create !== undefined && files[ch.path] === undefined) files[ch.path] = ch.create;
  else if (ch.edits) files[ch.path] = applyEdits(files[ch.path] ?? "", ch.edits);
}

function relativeTo(dir: string, files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) out[p] = t; // absolute paths resolve to themselves
  void dir;
  return out;
}
