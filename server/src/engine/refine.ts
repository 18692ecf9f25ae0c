/**
 * Refine mode: for one goal (smaller image, faster builds, security, production readiness), apply every
 * safe fix of the rules in the matching categories at once, re-linting until the file is stable. The
 * result is the whole new text (so the editor can apply it as one undoable edit) plus the changes to
 * other files some fixes make (a new `.dockerignore`, `.env.example` …).
 */
import { fixToFixedPoint, isSafeFix } from "./fixes";
import type { LintOptions } from "./linter";
import { LineIndex, type TextEdit } from "./text";
import type { FileChange, Finding } from "./types";
import { emptyFs } from "./workspace";

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
  /** The fixes applied, in order. */
  applied: { ruleId: string; title: string; line: number }[];
  /** Findings of the goal's categories that have no safe fix (left for the user). */
  remaining: Finding[];
}

export function refine(options: LintOptions & { goal: RefineGoal }): RefineResult {
  const categories = GOAL_CATEGORIES[options.goal];
  const wanted = (f: Finding) => categories.includes(f.category);
  // the engine's one applier: safe fixes of the goal's rules, to a fixed point, each checked to remove its finding
  const run = fixToFixedPoint(options, { include: wanted });
  const index = new LineIndex(options.text);
  const fs = options.fs ?? emptyFs;
  const changes: FileChange[] = run.files.map((f) => {
    if (f.created) return { path: f.path, create: f.text };
    const before = fs.readFile(f.path) ?? "";
    return { path: f.path, edits: [{ range: new LineIndex(before).rangeOf(0, before.length), newText: f.text }] };
  });
  return {
    goal: options.goal,
    output: run.text,
    changed: run.changed,
    edits: run.changed ? [{ range: index.rangeOf(0, options.text.length), newText: run.text }] : [],
    changes,
    applied: run.applied.map((a) => ({ ruleId: a.ruleId, title: a.title, line: a.line })),
    remaining: run.findings.filter((f) => wanted(f) && !f.fixes.some((x) => isSafeFix(x, f))),
  };
}
