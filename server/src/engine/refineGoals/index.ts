/**
 * The larger changes a refine goal makes, beyond the one-line safe fixes: split a single-stage image into builder
 * and runtime (smaller image), copy the dependency manifests and install before the source (faster builds), move
 * secrets from ARG into build-secret mounts (security). Each change is kept only when the file re-lints with the
 * finding it answers gone, no new finding of the goal's categories and no new error, and the image still passes
 * the start check if it did before; a change that cannot be made so is reported as advice and not applied.
 */
import type { RefineGoal } from "../choices";
import { GOAL_CATEGORIES } from "../choices";
import { detectKind } from "../kinds";
import { lint, type LintOptions } from "../linter";
import { checkStart, composeBuildOf } from "../startCheck";
import { applyEdits } from "../text";
import type { Finding } from "../types";
import { emptyFs } from "../workspace";
import { splitBuildStage } from "./splitBuildStage";
import type { GoalChangeOutcome } from "./types";

export interface GoalChange {
  /** The rule whose finding the change answers. */
  ruleId: string;
  title: string;
}

export interface GoalAdvice {
  ruleId: string;
  title: string;
  /** Why the change is not made automatically, or what to do instead. */
  message: string;
  /** 1-based line of the input it is about, when it is about one. */
  line?: number;
}

interface GoalStep {
  ruleId: string;
  /** A transform of the whole file, or the rule's own suggestion fixes applied one by one. */
  apply: "suggestions" | ((options: LintOptions) => GoalChangeOutcome);
}

const STEPS: Record<RefineGoal, readonly GoalStep[]> = {
  "smaller-image": [
    {
      ruleId: "dockerfile/multi-stage-build",
      apply: (o) => splitBuildStage({ path: o.path, text: o.text, fs: o.fs ?? emptyFs }),
    },
  ],
  "faster-builds": [{ ruleId: "dockerfile/dependency-manifest-before-source", apply: "suggestions" }],
  security: [{ ruleId: "dockerfile/secrets-in-build-args", apply: "suggestions" }],
  production: [],
};

/** Bound on the changes one step makes (each removes one finding, so a file has at most this many to answer). */
const MAX_CHANGES_PER_STEP = 20;

export interface GoalChangesResult {
  text: string;
  changes: GoalChange[];
  advice: GoalAdvice[];
}

export function applyGoalChanges(options: LintOptions & { goal: RefineGoal }): GoalChangesResult {
  const kind = options.kind ?? detectKind(options.path);
  const changes: GoalChange[] = [];
  const advice: GoalAdvice[] = [];
  if (kind !== "dockerfile") return { text: options.text, changes, advice };
  const categories = GOAL_CATEGORIES[options.goal];
  const fs = options.fs ?? emptyFs;
  const lintOf = (text: string) => lint({ ...options, kind, text }).findings;
  const context = composeBuildOf(fs, options.path)?.context;
  const startFailures = (text: string) => {
    try {
      return checkStart({ dockerfilePath: options.path, text, fs, context }).failures;
    } catch {
      return [];
    }
  };
  const startedBefore = startFailures(options.text).length === 0;
  let text = options.text;
  let findings = lintOf(text);
  for (const step of STEPS[options.goal]) {
    const tried = new Set<string>();
    for (let round = 0; round < MAX_CHANGES_PER_STEP; round++) {
      const targets = findings.filter((f) => f.ruleId === step.ruleId && !tried.has(keyOf(f)));
      const first = targets[0];
      if (!first) break;
      let candidate: { title: string; text: string; finding?: Finding } | undefined;
      if (step.apply === "suggestions") {
        for (const f of targets) {
          const fix = f.fixes.find((x) => !x.safe && (x.changes ?? []).length === 0 && x.edits.length > 0);
          tried.add(keyOf(f));
          if (fix) {
            candidate = { title: fix.title, text: applyEdits(text, fix.edits), finding: f };
            break;
          }
          advice.push({ ruleId: f.ruleId, title: "Not changed automatically", message: f.message, line: f.range.start.line + 1 });
        }
      } else {
        for (const f of targets) tried.add(keyOf(f));
        const outcome = step.apply({ ...options, text, fs });
        if (outcome.kind === "advice")
          advice.push({ ruleId: step.ruleId, title: outcome.title, message: outcome.message, line: outcome.line });
        if (outcome.kind === "change") candidate = { title: outcome.title, text: outcome.text };
      }
      if (!candidate) break;
      const after = lintOf(candidate.text);
      const problem =
        rejection(findings, after, step.ruleId, categories) ?? (startedBefore ? startProblem(startFailures(candidate.text)) : undefined);
      if (problem) {
        const line = candidate.finding ? candidate.finding.range.start.line + 1 : undefined;
        advice.push({ ruleId: step.ruleId, title: candidate.title, message: `not applied: ${problem}`, line });
        if (step.apply !== "suggestions") break;
        continue;
      }
      text = candidate.text;
      findings = after;
      changes.push({ ruleId: step.ruleId, title: candidate.title });
    }
  }
  return { text, changes, advice };
}

/** Identity of a finding across edits that move lines: rule and message. */
function keyOf(f: Finding): string {
  return `${f.ruleId}\u0000${f.message}`;
}

/** Why a changed text is not acceptable: its finding stays, or it brings a new finding of the goal or a new error. */
function rejection(before: Finding[], after: Finding[], ruleId: string, categories: readonly string[]): string | undefined {
  const count = (list: Finding[]) => list.filter((f) => f.ruleId === ruleId).length;
  if (count(after) >= count(before)) return "the finding it answers stays";
  const known = new Set(before.map(keyOf));
  const added = after.find((f) => !known.has(keyOf(f)) && (categories.includes(f.category) || f.severity === "error"));
  return added ? `it would bring a new finding (${added.ruleId}: ${added.message})` : undefined;
}

function startProblem(failures: { message: string }[]): string | undefined {
  return failures.length > 0 ? `the image would no longer start (${failures[0]?.message})` : undefined;
}
