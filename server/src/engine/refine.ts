/**
 * Refine mode: for one goal (smaller image, faster builds, security, production readiness), make the goal's larger
 * changes (refineGoals: builder/runtime split, manifests before source, secrets into build-secret mounts), each
 * checked to answer its finding, and then apply every safe fix of the rules in the matching categories at once,
 * re-linting until the file is stable. The
 * result is the whole new text (so the editor can apply it as one undoable edit) plus the changes to
 * other files some fixes make (a new `.dockerignore`, `.env.example` …).
 */
import { fixToFixedPoint, isSafeFix } from "./fixes";
import type { LintOptions } from "./linter";
import { LineIndex, type TextEdit } from "./text";
import type { FileChange, Finding } from "./types";
import { detectKind } from "./kinds";
import { checkStart, composeBuildOf, type StartFinding } from "./startCheck";
import { emptyFs } from "./workspace";
import { applyGoalChanges, withCreated, type GoalAdvice, type GoalChange } from "./refineGoals";

import { GOAL_CATEGORIES, type RefineGoal } from "./choices";

export { GOAL_CATEGORIES, GOAL_TITLES, parseGoal, REFINE_GOALS, type RefineGoal } from "./choices";

export interface RefineResult {
  goal: RefineGoal;
  /** The refined text of the file. */
  output: string;
  /** True when `output` differs from the input. */
  changed: boolean;
  /** One edit that turns the input into the output (empty when nothing changed). */
  edits: TextEdit[];
  /** Changes to other files, in the order the fixes asked for them. */
  changes: FileChange[];
  /** The goal's larger changes made (before the safe fixes), in order. */
  goalChanges: GoalChange[];
  /** Changes the goal asks for that could not be made safely: said, not applied. */
  advice: GoalAdvice[];
  /** The safe fixes applied, in order. */
  applied: { ruleId: string; title: string; line: number }[];
  /** Findings of the goal's categories that have no safe fix (left for the user). */
  remaining: Finding[];
  /**
   * When the refined Dockerfile would fail the start check that the input passed: what would break. The fixes are
   * then not applied (`changed` is false), so refining never turns a file that starts into one that does not.
   */
  wouldNotStart?: StartFinding[];
}

export function refine(options: LintOptions & { goal: RefineGoal }): RefineResult {
  const categories = GOAL_CATEGORIES[options.goal];
  const wanted = (f: Finding) => categories.includes(f.category);
  // the engine's one applier: safe fixes of the goal's rules, to a fixed point, each checked to remove its finding
  const goal = applyGoalChanges(options);
  const baseFs = options.fs ?? emptyFs;
  // the safe fixes run on the workspace with the files the goal's changes create (a new .dockerignore)
  const fs = withCreated(baseFs, goal.created);
  const run = fixToFixedPoint({ ...options, fs, text: goal.text }, { include: wanted });
  const changed = run.text !== options.text || goal.created.size > 0;
  const index = new LineIndex(options.text);
  const fixedFiles = new Set(run.files.map((f) => f.path));
  const changes: FileChange[] = [
    ...[...goal.created].filter(([p]) => !fixedFiles.has(p)).map(([path, create]) => ({ path, create })),
    ...run.files.map((f) => {
      if (f.created || goal.created.has(f.path)) return { path: f.path, create: f.text };
      const before = baseFs.readFile(f.path) ?? "";
      return { path: f.path, edits: [{ range: new LineIndex(before).rangeOf(0, before.length), newText: f.text }] };
    }),
  ];
  // the result starts whenever the input did (the start check, for Dockerfiles)
  if (changed && (options.kind ?? detectKind(options.path)) === "dockerfile") {
    // the context a compose file builds it with, when one does (docker/x.Dockerfile built from the project root)
    const context = composeBuildOf(fs, options.path)?.context;
    const failures = (text: string, on = fs) => {
      try {
        return checkStart({ dockerfilePath: options.path, text, fs: on, context }).failures;
      } catch {
        return [];
      }
    };
    const after = failures(run.text);
    if (after.length > 0 && failures(options.text, baseFs).length === 0)
      return {
        goal: options.goal,
        output: options.text,
        changed: false,
        edits: [],
        changes: [],
        goalChanges: [],
        advice: goal.advice,
        applied: [],
        remaining: run.findings.filter(wanted),
        wouldNotStart: after,
      };
  }
  return {
    goal: options.goal,
    output: run.text,
    changed,
    edits: run.text !== options.text ? [{ range: index.rangeOf(0, options.text.length), newText: run.text }] : [],
    changes,
    goalChanges: goal.changes,
    advice: goal.advice,
    applied: run.applied.map((a) => ({ ruleId: a.ruleId, title: a.title, line: a.line })),
    remaining: run.findings.filter((f) => wanted(f) && !f.fixes.some((x) => isSafeFix(x, f))),
  };
}
