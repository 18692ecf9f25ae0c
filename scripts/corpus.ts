/**
 * `npm run corpus -- <folder>`: lints every repository under a folder with the CLI's own code paths (discovery,
 * config lookup, the engine) and prints findings per rule, per severity and per repository, and the time taken.
 *
 *   npm run corpus -- <folder>                         table on stdout
 *   npm run corpus -- <folder> --json                  the same as JSON on stdout
 *   npm run corpus -- <folder> --out results.json      table on stdout, JSON (with every finding) to a file
 *   npm run corpus -- <folder> --sample 150 --seed 10  also print a seeded random sample of warning/error findings
 *                                                      (every rule that fires at least once), as a Markdown table
 *                                                      with an empty verdict column, for judging by hand
 *   npm run corpus -- --score docs/precision.md        false-alarm rates from judged sample tables
 *
 * Each immediate subfolder of <folder> is one repository (a folder holding `.git` is itself one repository).
 * Nothing here knows a rule: it counts what `shipshape lint` would report in each repository.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { UsageError, loadConfig } from "../server/src/cli/config";
import { discoverFiles } from "../server/src/cli/discover";
import { runLint } from "../server/src/cli/lintRun";
import { toPosix } from "../server/src/cli/nodeFs";
import type { Severity } from "../server/src/engine/types";
import { seededRandom } from "./lib/seededRandom";
import type { ShipshapeConfig } from "../server/src/engine/config";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "hint"];

export interface CorpusFinding {
  repo: string;
  /** Relative to the repository, POSIX separators. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
}

export type SeverityCounts = Record<Severity, number>;

export interface RepoResult {
  name: string;
  /** The checked-out commit, when the folder is a git work tree. */
  commit: string | undefined;
  files: number;
  /** Files discovery left out as templates (not Dockerfiles yet). */
  skippedTemplates: number;
  ms: number;
  counts: SeverityCounts;
  /** A config problem that made the run fall back to defaults. */
  configProblem?: string;
}

export interface CorpusResult {
  folder: string;
  ms: number;
  repos: RepoResult[];
  rules: { ruleId: string; counts: SeverityCounts; total: number; repos: number }[];
  totals: SeverityCounts;
  findings: CorpusFinding[];
}

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0, hint: 0 });

/** The repositories under `folder`: itself when it holds `.git`, else its immediate subfolders (sorted). */
export function listRepos(folder: string): string[] {
  if (fs.existsSync(path.join(folder, ".git"))) return [folder];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => path.join(folder, e.name))
    .sort();
}

function headCommit(dir: string): string | undefined {
  if (!fs.existsSync(path.join(dir, ".git"))) return undefined;
  const r = spawnSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Lints every repository under `folder` exactly as `shipshape lint` run at each repository's root would. */
export function runCorpus(folder: string): CorpusResult {
  const abs = path.resolve(folder);
  const started = performance.now();
  const repos: RepoResult[] = [];
  const findings: CorpusFinding[] = [];
  for (const dir of listRepos(abs)) {
    const t = performance.now();
    const name = dir === abs ? path.basename(abs) : path.relative(abs, dir);
    let configProblem: string | undefined;
    // each file's nearest config, as the CLI reads it; a broken one is noted and that file linted with defaults
    const tolerant =
      (read: (file: string) => ShipshapeConfig) =>
      (file: string): ShipshapeConfig => {
        try {
          return read(file);
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          configProblem ??= e.message;
          return {};
        }
      };
    let configFor = (_file: string): ShipshapeConfig => ({});
    try {
      configFor = tolerant(loadConfig(dir, undefined).configFor);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      configProblem = e.message;
    }
    const discovery = discoverFiles(["."], dir);
    const { reports } = runLint(discovery.files, { configFor, fix: false });
    const counts = zero();
    for (const report of reports) {
      const file = toPosix(path.relative(dir, report.path));
      for (const f of report.findings) {
        counts[f.severity]++;
        findings.push({
          repo: name,
          file,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
        });
      }
    }
    repos.push({
      name,
      commit: headCommit(dir),
      files: reports.length,
      skippedTemplates: discovery.templates.length,
      ms: Math.round(performance.now() - t),
      counts,
      ...(configProblem ? { configProblem } : {}),
    });
  }
  const byRule = new Map<string, { counts: SeverityCounts; repos: Set<string> }>();
  const totals = zero();
  for (const f of findings) {
    totals[f.severity]++;
    let r = byRule.get(f.ruleId);
    if (!r) byRule.set(f.ruleId, (r = { counts: zero(), repos: new Set() }));
    r.counts[f.severity]++;
    r.repos.add(f.repo);
  }
  const rules = [...byRule.entries()]
    .map(([ruleId, r]) => ({ ruleId, counts: r.counts, total: SEVERITIES.reduce((n, s) => n + r.counts[s], 0), repos: r.repos.size }))
    .sort((a, b) => b.total - a.total || (a.ruleId < b.ruleId ? -1 : 1));
  return { folder: abs, ms: Math.round(performance.now() - started), repos, rules, totals, findings };
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n") + "\n";
}

export function formatCorpusTable(result: CorpusResult): string {
  const sevCols = (c: SeverityCounts) => SEVERITIES.map((s) => c[s]);
  let out = `Findings per rule\n`;
  out += table(
    ["rule", ...SEVERITIES, "total", "repos"],
    result.rules.map((r) => [r.ruleId, ...sevCols(r.counts), r.total, r.repos]),
  );
  out += `\nFindings per severity\n`;
  out += table(
    ["severity", "findings"],
    SEVERITIES.map((s) => [s, result.totals[s]]),
  );
  out += `\nFindings per repository\n`;
  out += table(
    ["repository", "commit", "files", "templates skipped", ...SEVERITIES, "ms"],
    result.repos.map((r) => [r.name, (r.commit ?? "-").slice(0, 12), r.files, r.skippedTemplates, ...sevCols(r.counts), r.ms]),
  );
  for (const r of result.repos) if (r.configProblem) out += `note: ${r.name}: linted with defaults (${r.configProblem})\n`;
  const files = result.repos.reduce((n, r) => n + r.files, 0);
  out += `\n${result.repos.length} repositories, ${files} files, ${result.findings.length} findings in ${(result.ms / 1000).toFixed(1)} s\n`;
  return out;
}

/**
 * A seeded random sample of `size` warning/error findings: first one finding of every rule that fires at warning
 * or error level (so every rule is represented), then the rest drawn uniformly from what is left. Ordered by rule.
 */
export function sampleFindings(findings: readonly CorpusFinding[], size: number, seed: number): CorpusFinding[] {
  const random = seededRandom(seed);
  const pool = findings.filter((f) => f.severity === "error" || f.severity === "warning");
  const pick = (n: number) => Math.floor(random() * n);
  const chosen = new Set<number>();
  const byRule = new Map<string, number[]>();
  pool.forEach((f, i) => {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(i);
    byRule.set(f.ruleId, list);
  });
  for (const id of [...byRule.keys()].sort()) {
    const list = byRule.get(id) ?? [];
    const i = list[pick(list.length)];
    if (i !== undefined) chosen.add(i);
  }
  const rest = pool.map((_, i) => i).filter((i) => !chosen.has(i));
  while (chosen.size < size && rest.length) {
    const j = pick(rest.length);
    const i = rest[j];
    rest.splice(j, 1);
    if (i !== undefined) chosen.add(i);
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .map((i) => pool[i])
    .filter((f): f is CorpusFinding => f !== undefined)
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** The sample as a Markdown table to fill in: verdict `ok` (a true finding) or `FA` (a false alarm), and why. */
export function formatSample(sample: readonly CorpusFinding[]): string {
  let out = "| # | rule | severity | where | verdict | why |\n|---|---|---|---|---|---|\n";
  sample.forEach((f, i) => {
    out += `| ${i + 1} | ${f.ruleId} | ${f.severity} | ${cell(`${f.repo}/${f.file}:${f.line}`)} |  | ${cell(f.message).slice(0, 120)} |\n`;
  });
  return out;
}

export interface Score {
  judged: number;
  falseAlarms: number;
}

export interface Scores {
  overall: Score;
  bySeverity: Record<string, Score>;
  byRule: Map<string, Score>;
}

/**
 * False-alarm rates from a judged sample table (the format of `formatSample`): rows whose verdict cell is `ok` or
 * `FA`. Only rows below a line `<!-- sample: NAME -->` (up to the next such line) belong to sample NAME.
 */
export function scoreSample(markdown: string, name?: string): Scores {
  const byRule = new Map<string, Score>();
  const bySeverity: Record<string, Score> = {};
  const overall: Score = { judged: 0, falseAlarms: 0 };
  let current: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /<!--\s*sample:\s*(\S+)\s*-->/.exec(line);
    if (marker) {
      current = marker[1];
      continue;
    }
    if (name !== undefined && current !== name) continue;
    const cols = line.split(/(?<!\\)\|/).map((c) => c.trim());
    // | # | rule | severity | where | verdict | why |
    if (cols.length < 7 || !/^\d+$/.test(cols[1] ?? "")) continue;
    const [, , rule = "", severity = "", , verdict = ""] = cols;
    const v = verdict.toUpperCase();
    if (v !== "OK" && v !== "FA") continue;
    const fa = v === "FA" ? 1 : 0;
    if (!byRule.has(rule)) byRule.set(rule, { judged: 0, falseAlarms: 0 });
    for (const s of [overall, (bySeverity[severity] ??= { judged: 0, falseAlarms: 0 }), byRule.get(rule)]) {
      if (!s) continue;
      s.judged++;
      s.falseAlarms += fa;
    }
  }
  return { overall, bySeverity, byRule };
}

const pct = (s: Score) => (s.judged ? `${((100 * s.falseAlarms) / s.judged).toFixed(1)} %` : "-");

export function formatScores(scores: Scores): string {
  let out = table(
    ["", "judged", "false alarms", "rate"],
    [
      ["overall", scores.overall.judged, scores.overall.falseAlarms, pct(scores.overall)],
      ...Object.entries(scores.bySeverity).map(([s, v]) => [s, v.judged, v.falseAlarms, pct(v)]),
    ],
  );
  out += "\n";
  out += table(
    ["rule", "judged", "false alarms", "rate"],
    [...scores.byRule.entries()]
      .sort((a, b) => b[1].falseAlarms / b[1].judged - a[1].falseAlarms / a[1].judged || (a[0] < b[0] ? -1 : 1))
      .map(([id, v]) => [id, v.judged, v.falseAlarms, pct(v)]),
  );
  return out;
}

interface CorpusArgs {
  folder?: string;
  json: boolean;
  out?: string;
  sample?: number;
  seed: number;
  score?: string;
  scoreName?: string;
}

function parseArgs(argv: readonly string[]): CorpusArgs {
  const args: CorpusArgs = { json: false, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new UsageError(`${a} needs a whole number`);
      return v;
    };
    if (a === "--json") args.json = true;
    else if (a === "--out") args.out = value();
    else if (a === "--sample") args.sample = int();
    else if (a === "--seed") args.seed = int();
    else if (a === "--score") args.score = value();
    else if (a === "--name") args.scoreName = value();
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (args.folder === undefined) args.folder = a;
    else throw new UsageError(`one folder only (got ${args.folder} and ${a})`);
  }
  return args;
}

export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const args = parseArgs(argv);
  if (args.score !== undefined) {
    out(formatScores(scoreSample(fs.readFileSync(args.score, "utf8"), args.scoreName)));
    return 0;
  }
  if (args.folder === undefined) throw new UsageError("usage: npm run corpus -- <folder> [--json] [--out FILE] [--sample N --seed S]");
  if (!fs.existsSync(args.folder) || !fs.statSync(args.folder).isDirectory()) throw new UsageError(`no such folder: ${args.folder}`);
  const result = runCorpus(args.folder);
  const { findings, ...summary } = result;
  if (args.out !== undefined) fs.writeFileSync(args.out, JSON.stringify(result, null, 2) + "\n");
  out(args.json ? JSON.stringify(summary, null, 2) + "\n" : formatCorpusTable(result));
  if (args.sample !== undefined) {
    out(`\nSample: ${args.sample} warning/error findings, seed ${args.seed}\n\n`);
    out(formatSample(sampleFindings(findings, args.sample, args.seed)));
  }
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`corpus: ${e.message}\n`);
    process.exitCode = 2;
  }
}
