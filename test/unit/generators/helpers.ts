/** Shared helpers for the generator tests: fixture projects as in-memory workspaces, linting, snapshots. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "../../../server/src/engine/generators/files";
import { lint } from "../../../server/src/engine/linter";
import { detectKind } from "../../../server/src/engine/kinds";
import type { WorkspaceFs } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";
import { checkComposeServices, checkStart, type StartFinding } from "../../../server/src/engine/startCheck";

export const FIXTURES = join(__dirname, "..", "..", "fixtures");
export const PROJECTS = join(FIXTURES, "projects");
export const SNAPSHOTS = join(FIXTURES, "snapshots");
/** Where fixture projects appear in the in-memory workspace: `/projects/<name>`. */
export function rootOf(name: string): string {
  return `/projects/${name}`;
}

export const PROJECT_NAMES = [
  "uv-fastapi-src",
  "stockbook-poetry",
  "pluginlake",
  "dagster-code",
  "node-app",
  "notes-nolock",
  "poetry-flask",
  "pip-streamlit",
  "plain-script",
] as const;
export type ProjectName = (typeof PROJECT_NAMES)[number];

/** Every file of a fixture project, keyed by path relative to the project. */
export function readProject(name: string): Record<string, string> {
  const root = join(PROJECTS, name);
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel)).sort()) {
      const child = rel ? `${rel}/${entry}` : entry;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else out[child] = readFileSync(join(root, child), "utf8");
    }
  };
  walk("");
  return out;
}

export function projectFs(root: string, files: Record<string, string>, extra: GeneratedFile[] = []): WorkspaceFs {
  const all: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) all[`${root}/${rel}`] = text;
  for (const f of extra) all[`${root}/${f.path}`] = f.contents;
  return memoryFs(all);
}

/** Lints every generated file that Shipshape knows how to lint, with all registered rules and default config. */
export function lintGenerated(
  root: string,
  project: Record<string, string>,
  files: GeneratedFile[],
): { file: string; findings: string[] }[] {
  const fs = projectFs(root, project, files);
  const out: { file: string; findings: string[] }[] = [];
  for (const f of files) {
    const path = `${root}/${f.path}`;
    if (!detectKind(path)) continue;
    const result = lint({ path, text: f.contents, fs, throwOnRuleError: false });
    const findings = result.findings
      .filter((x) => x.severity !== "hint")
      .map((x) => `${x.ruleId}@${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`);
    for (const e of result.ruleErrors) findings.push(`${e.ruleId} crashed: ${String(e.error)}`);
    out.push({ file: f.path, findings });
  }
  return out;
}

export function assertLintsClean(root: string, project: Record<string, string>, files: GeneratedFile[]): void {
  const problems = lintGenerated(root, project, files).filter((r) => r.findings.length > 0);
  assert.deepEqual(
    problems,
    [],
    problems
      .map((p) => `${p.file}:\n  ${p.findings.join("\n  ")}\n--- ${p.file}\n${files.find((f) => f.path === p.file)?.contents}`)
      .join("\n"),
  );
}

/** Compares generated files with `test/fixtures/snapshots/<name>/`; `UPDATE_SNAPSHOTS=1` rewrites them. */
export function assertSnapshot(name: string, files: GeneratedFile[]): void {
  const dir = join(SNAPSHOTS, name);
  const update = process.env.UPDATE_SNAPSHOTS === "1";
  for (const f of files) {
    const path = join(dir, f.path);
    if (update || !existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.contents);
      continue;
    }
    assert.equal(f.contents, readFileSync(path, "utf8"), `snapshot ${name}/${f.path} (UPDATE_SNAPSHOTS=1 to accept)`);
  }
  const listed = join(dir, ".files");
  const names =
    files
      .map((f) => f.path)
      .sort()
      .join("\n") + "\n";
  if (update || !existsSync(listed)) writeFileSync(listed, names);
  else assert.equal(names, readFileSync(listed, "utf8"), `the set of files generated for ${name}`);
}

/** Unknowns the check may leave on generated files: facts no source tells (listed, so a new unknown fails the test). */
const ACCEPTED_UNKNOWNS = [/^the ENTRYPOINT of dhi\.io\/[a-z]+:[^ ]+ is not known/];

/**
 * The "does it start" check over generated files: every Dockerfile (its last stage, and its `dev` stage), and the
 * compose services as `compose.yml` alone and merged with `compose.override.yml` run them. Returns the problems.
 */
export function startProblems(root: string, project: Record<string, string>, files: GeneratedFile[], composeSets?: string[][]): string[] {
  const fs = projectFs(root, project, files);
  const out: string[] = [];
  const note = (where: string, findings: StartFinding[]) => {
    for (const f of findings) {
      if (f.status === "fail") out.push(`${where}: FAIL ${f.check}: ${f.message}`);
      else if (f.status === "unknown" && !ACCEPTED_UNKNOWNS.some((re) => re.test(f.message)))
        out.push(`${where}: UNKNOWN ${f.check}: ${f.message}`);
    }
  };
  let checked = 0;
  for (const f of files) {
    if (!/(^|\/)([^/]*\.)?Dockerfile$/.test(f.path)) continue;
    checked++;
    note(f.path, checkStart({ dockerfilePath: `${root}/${f.path}`, text: f.contents, fs, context: root }).findings);
    if (/^FROM .* AS dev$/m.test(f.contents))
      note(
        `${f.path} --target dev`,
        checkStart({ dockerfilePath: `${root}/${f.path}`, text: f.contents, fs, context: root, target: "dev" }).findings,
      );
  }
  const composes = files.map((f) => f.path).filter((p) => /^compose(\.override)?\.yml$/.test(p));
  if (composes.includes("compose.yml")) {
    const sets = composeSets ?? (composes.length > 1 ? [["compose.yml"], ["compose.yml", "compose.override.yml"]] : [["compose.yml"]]);
    for (const set of sets) {
      const reports = checkComposeServices(
        fs,
        set.map((p) => `${root}/${p}`),
      );
      checked += reports.length;
      for (const r of reports) note(`${set.join(" + ")} service ${r.service}`, r.findings);
    }
  }
  if (checked === 0 && files.some((f) => /Dockerfile$/.test(f.path))) out.push("nothing was checked");
  return out;
}

export function assertStarts(root: string, project: Record<string, string>, files: GeneratedFile[], composeSets?: string[][]): void {
  const problems = startProblems(root, project, files, composeSets);
  assert.deepEqual(problems, [], problems.join("\n"));
}
