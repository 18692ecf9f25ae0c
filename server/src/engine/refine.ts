/**
 * Refine mode: for one goal (smaller image, faster builds, security, production readiness), apply every
 * safe fix of the rules in the matching categories at once, re-linting until the file is stable. The
 * result is the whole new text (so the editor can apply it as one undoable edit) plus the changes to
 * other files some fixes make (a new `.dockerignore`, `.env.example` …).
 */
import { lint, type LintOptions } from "./linter";
import { applyEdits, LineIndex, type TextEdit } from "./text";
import type { Category, FileChange, Finding, Fix } from "./types";

export type RefineGoal = "smaller-image" | "faster-builds" | "security" | "production";
export const REFINE_GOALS: readonly RefineGoal[] = ["smaller-image", "faster-builds", "security", "production"];

export const GOAL_TITLES: Record<RefineGoal, string> = {
  "smaller-image": "Smaller image",
  "faster-builds": "Faster builds",
  security: "Security",
  production: "Production readiness",
};

/** Which rule categories serve a goal. */
export const GOAL_CATEGORIES: Record<RefineGoal, readonly Category[]> = {
  "smaller-image": ["image-size"],
  "faster-builds": ["build-speed"],
  security: ["security"],
  production: ["reliability"],
};

export function parseGoal(s: string): RefineGoal | undefined {
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  const aliases: Record<string, RefineGoal> = {
    smaller: "smaller-image",
    size: "smaller-image",
    "image-size": "smaller-image",
    faster: "faster-builds",
    "build-speed": "faster-builds",
    speed: "faster-builds",
    secure: "security",
    prod: "production",
    "production-readiness": "production",
    reliability: "production",
  };
  return (REFINE_GOALS as readonly string[]).includes(k) ? (k as RefineGoal) : aliases[k];
}

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

/** Re-lint passes: a fix may expose the next one, but never loop forever. */
const MAX_PASSES = 10;

export function refine(options: LintOptions & { goal: RefineGoal }): RefineResult {
  const categories = GOAL_CATEGORIES[options.goal];
  const wanted = (f: Finding) => categories.includes(f.category);
  let text = options.text;
  const applied: RefineResult["applied"] = [];
  const changes: FileChange[] = [];
  let remaining: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const findings = lint({ ...options, text }).findings.filter(wanted);
    const chosen = nonOverlapping(text, findings);
    remaining = findings.filter((f) => !f.fixes.some((x) => x.safe));
    if (chosen.length === 0) break;
    text = applyEdits(
      text,
      chosen.flatMap(({ fix }) => fix.edits),
    );
    for (const { finding, fix } of chosen) {
      applied.push({ ruleId: finding.ruleId, title: fix.title, line: finding.range.start.line + 1 });
      for (const change of fix.changes ?? []) mergeChange(changes, change);
    }
  }
  const changed = text !== options.text;
  const index = new LineIndex(options.text);
  return {
    goal: options.goal,
    output: text,
    changed,
    edits: changed ? [{ range: index.rangeOf(0, options.text.length), newText: text }] : [],
    changes,
    applied,
    remaining,
  };
}

/** The first safe fix of each finding, skipping fixes whose edits touch an earlier chosen one. */
function nonOverlapping(text: string, findings: Finding[]): { finding: Finding; fix: Fix }[] {
  const index = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const out: { finding: Finding; fix: Fix }[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const spans = fix.edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }));
    const clash = spans.some(
      (s) => taken.some((t) => s.start < t.end && t.start < s.end) || taken.some((t) => s.start === t.start && s.end === t.end),
    );
    if (clash) continue;
    taken.push(...spans);
    out.push({ finding, fix });
  }
  return out;
}

function mergeChange(changes: FileChange[], change: FileChange): void {
  const existing = changes.find((c) => c.path === change.path);
  if (!existing) {
    changes.push({ ...change, edits: change.edits ? [...change.edits] : undefined });
    return;
  }
  // a second fix for a file that an earlier fix creates: apply its edits to the planned contents
  if (existing.create !== undefined && change.edits) existing.create = applyEdits(existing.create, change.edits);
  else if (existing.edits && change.edits) existing.edits.push(...change.edits);
}
