/**
 * What the fuzzer asks of one mutant: every rule (all switched on) lints it without throwing and in time;
 * every offered fix (safe or suggestion, up to a bound per mutant) applies cleanly and removes its own
 * finding when re-linted; the safe fixes reach a fixed point with the engine's applier.
 */
import type { ShipshapeConfig } from "../../server/src/engine/config";
import { editsOverlap, fixToFixedPoint, mapOffset } from "../../server/src/engine/fixes";
import { lint, type LintResult } from "../../server/src/engine/linter";
import { allRules } from "../../server/src/engine/rules";
import { LineIndex, applyEdits } from "../../server/src/engine/text";
import type { Finding, Fix } from "../../server/src/engine/types";
import { memoryFs } from "../../server/src/engine/workspace";
import type { Project } from "./mutants";

export const ALL_ON: ShipshapeConfig = {
  rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity === "off" ? "warning" : r.meta.defaultSeverity])),
};

export type FailureKind = "crash" | "hang" | "fix-throws" | "fix-self-overlap" | "fix-stays" | "fix-not-converging";

export interface Failure {
  kind: FailureKind;
  /** What went wrong, one line. */
  message: string;
  /** Deduplication key: the kind plus the top of the stack (or the rule and fix). */
  signature: string;
  stack?: string;
}

export interface CheckResult {
  failures: Failure[];
  /** CPU milliseconds of the first lint (CPU time, so other processes on a busy machine do not count). */
  lintMs: number;
  /** CPU milliseconds for everything. */
  totalMs: number;
  fixesChecked: number;
}

export interface CheckOptions {
  /** A lint that takes more CPU time than this is a hang (ms). */
  hangMs?: number;
  /** Offered fixes checked one by one per mutant (each costs a lint). */
  maxFixes?: number;
}

/** Stack frames without line numbers and paths: one signature per place in the code, stable across edits elsewhere. */
export function stackSignature(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames = stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 4)
    .map((l) =>
      l
        .trim()
        .replace(/\(.*[/\\]/, "(")
        .replace(/:\d+:\d+\)?$/, ""),
    );
  const name = error instanceof Error ? error.name : typeof error;
  return `${name}|${frames.join("|")}`;
}

function lintProject(project: Project, text: string): LintResult {
  const files = { ...project.files, [project.target]: text };
  return lint({ path: project.target, text, kind: project.kind, fs: memoryFs(files), config: ALL_ON, throwOnRuleError: true });
}

export function checkProject(project: Project, options: CheckOptions = {}): CheckResult {
  const hangMs = options.hangMs ?? 5000;
  const maxFixes = options.maxFixes ?? 2;
  const failures: Failure[] = [];
  const started = process.cpuUsage();
  const cpuMs = () => {
    const u = process.cpuUsage(started);
    return (u.user + u.system) / 1000;
  };
  const text = project.files[project.target] ?? "";
  let result: LintResult;
  try {
    result = lintProject(project, text);
  } catch (error) {
    const lintMs = cpuMs();
    failures.push({
      kind: "crash",
      message: String(error instanceof Error ? error.message : error).slice(0, 300),
      signature: `crash|${stackSignature(error)}`,
      stack: error instanceof Error ? error.stack : undefined,
    });
    return { failures, lintMs, totalMs: lintMs, fixesChecked: 0 };
  }
  const lintMs = cpuMs();
  if (lintMs > hangMs) failures.push({ kind: "hang", message: `lint took ${Math.round(lintMs)} ms`, signature: `hang|${project.kind}` });

  // every offered fix on its own (bounded per mutant), spread over the findings
  const offered: { finding: Finding; fix: Fix }[] = [];
  for (const finding of result.findings) for (const fix of finding.fixes) offered.push({ finding, fix });
  const step = Math.max(1, Math.ceil(offered.length / maxFixes));
  let fixesChecked = 0;
  const index = new LineIndex(text);
  for (let i = 0; i < offered.length && fixesChecked < maxFixes; i += step) {
    const { finding, fix } = offered[i] as { finding: Finding; fix: Fix };
    fixesChecked++;
    const id = `${finding.ruleId}: "${fix.title}"`;
    const spans = fix.edits.map((e) => ({
      start: index.offsetAt(e.range.start),
      end: index.offsetAt(e.range.end),
      delta: e.newText.length,
    }));
    const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    if (sorted.some((s, k) => k > 0 && editsOverlap(sorted[k - 1] as (typeof sorted)[number], s))) {
      failures.push({
        kind: "fix-self-overlap",
        message: `${id} has overlapping edits`,
        signature: `fix-self-overlap|${finding.ruleId}|${fix.title}`,
      });
      continue;
    }
    let after: LintResult;
    let next: string;
    try {
      next = applyEdits(text, fix.edits);
      const files = { ...project.files, [project.target]: next };
      for (const c of fix.changes ?? []) {
        if (c.create !== undefined && files[c.path] === undefined) files[c.path] = c.create;
        else if (c.edits?.length && files[c.path] !== undefined) files[c.path] = applyEdits(files[c.path] as string, c.edits);
      }
      after = lintProject({ ...project, files }, next);
    } catch (error) {
      failures.push({
        kind: "fix-throws",
        message: `re-lint after ${id} threw: ${String(error instanceof Error ? error.message : error).slice(0, 200)}`,
        signature: `fix-throws|${stackSignature(error)}`,
        stack: error instanceof Error ? error.stack : undefined,
      });
      continue;
    }
    // the finding's start, mapped through the fix's edits (undefined: the fix replaced that text)
    const mapped = mapOffset(sorted, index.offsetAt(finding.range.start));
    const afterIndex = new LineIndex(next);
    const stays =
      mapped !== undefined &&
      after.findings.some(
        (f) => f.ruleId === finding.ruleId && f.message === finding.message && afterIndex.offsetAt(f.range.start) === mapped,
      );
    if (stays)
      failures.push({ kind: "fix-stays", message: `${id} leaves its own finding`, signature: `fix-stays|${finding.ruleId}|${fix.title}` });
  }

  // the safe fixes, to a fixed point, with the engine's applier (when there are any)
  if (result.findings.some((f) => f.fixes.some((x) => x.safe)))
    try {
      const run = fixToFixedPoint(
        {
          path: project.target,
          text,
          kind: project.kind,
          fs: memoryFs(project.files),
          config: ALL_ON,
          throwOnRuleError: true,
        },
        // huge mutants with hundreds of fixes: stop starting passes after 20 s (each lint is still checked for hangs)
        { budgetMs: 20_000 },
      );
      for (const f of run.failures)
        failures.push({
          kind: "fix-stays",
          message: `${f.ruleId}: "${f.title}" leaves its own finding (fixed point)`,
          signature: `fix-stays|${f.ruleId}|${f.title}`,
        });
      if (!run.converged && !run.outOfTime)
        failures.push({
          kind: "fix-not-converging",
          message: `safe fixes still pending after ${run.passes} passes`,
          signature: `fix-not-converging|${project.kind}`,
        });
    } catch (error) {
      failures.push({
        kind: "fix-throws",
        message: `fixing threw: ${String(error instanceof Error ? error.message : error).slice(0, 200)}`,
        signature: `fix-throws|${stackSignature(error)}`,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
  return { failures, lintMs, totalMs: cpuMs(), fixesChecked };
}

/**
 * Shrinks a failing project's target text while the same failure signature reproduces: drops halves,
 * quarters … of lines, then of characters (delta debugging), within a budget of checks.
 */
export function minimize(project: Project, signature: string, budget = 200, options: CheckOptions = {}): string {
  let text = project.files[project.target] ?? "";
  let tries = 0;
  const fails = (candidate: string) => {
    tries++;
    const r = checkProject({ ...project, files: { ...project.files, [project.target]: candidate } }, options);
    return r.failures.some((f) => f.signature === signature);
  };
  for (const unit of ["line", "char"] as const) {
    let parts = unit === "line" ? text.split(/(?<=\n)/) : [...text];
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (chunk >= 1 && tries < budget) {
      let removed = false;
      for (let i = 0; i < parts.length && tries < budget;) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (candidate.length < parts.length && fails(candidate.join(""))) {
          parts = candidate;
          removed = true;
        } else i += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
    text = parts.join("");
  }
  return text;
}
