/**
 * The larger changes a refine goal makes, beyond the one-line safe fixes. Smaller image: split a single-stage image
 * into builder and runtime, a slim base, ownership set at COPY time. Faster builds: the dependency manifests and
 * install before the source, cache mounts. Security: secrets from ARG into build-secret mounts, a non-root user,
 * pinned bases. Production: exec form, a shell that execs the final process, an init where PID 1 would ignore
 * SIGTERM (signals.ts), a healthcheck with a tool the image has, pipefail. Each change is kept only when the file
 * re-lints with the finding it answers gone, no new finding of the goal's categories and no new error, and the
 * image still passes the start check if it did before; a change that cannot be made so is reported as advice and
 * not applied.
 */
import type { RefineGoal } from "../choices";
import { GOAL_CATEGORIES } from "../choices";
import { detectKind } from "../kinds";
import { lint, type LintOptions } from "../linter";
import { checkStart, composeBuildOf } from "../startCheck";
import { applyEdits } from "../text";
import type { Finding, Fix, WorkspaceFs } from "../types";
import { basename, dirname } from "../paths";
import { emptyFs } from "../workspace";
import { healthcheckWithTool } from "./healthcheck";
import { signalHandling } from "./signals";
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
  /** The rule whose findings the step answers (`refine/…` for a step no rule reports, which runs once). */
  ruleId: string;
  /** A transform of the whole file, or the rule's own fixes (suggestions, and safe ones too) applied one by one. */
  apply: "suggestions" | ((options: LintOptions) => GoalChangeOutcome);
}

/** Steps that no finding prompts: they run once, and their change must bring no new finding of the goal. */
const UNPROMPTED = /^refine\//;

const STEPS: Record<RefineGoal, readonly GoalStep[]> = {
  // the split first (it needs the single stage as written), then a slim base and ownership set at COPY time
  "smaller-image": [
    {
      ruleId: "dockerfile/multi-stage-build",
      apply: (o) => splitBuildStage({ path: o.path, text: o.text, fs: o.fs ?? emptyFs }),
    },
    { ruleId: "dockerfile/prefer-slim-base", apply: "suggestions" },
    { ruleId: "dockerfile/chown-in-separate-layer", apply: "suggestions" },
  ],
  // manifests and install before the source, then cache mounts (the rule picks the cache folder of the user in effect)
  "faster-builds": [
    { ruleId: "dockerfile/dependency-manifest-before-source", apply: "suggestions" },
    { ruleId: "dockerfile/uv-cache-mount", apply: "suggestions" },
  ],
  security: [
    { ruleId: "dockerfile/secrets-in-build-args", apply: "suggestions" },
    // a .dockerignore keeps .git and env files out of the context (the fix creates it beside the Dockerfile)
    { ruleId: "dockerfile/dockerignore-present", apply: "suggestions" },
    { ruleId: "dockerfile/non-root-user", apply: "suggestions" },
    { ruleId: "dockerfile/pin-base-image", apply: "suggestions" },
  ],
  // exec form first (the later steps read the exec-form command), then what PID 1 does with signals, then the probe
  production: [
    { ruleId: "dockerfile/exec-form-cmd", apply: "suggestions" },
    { ruleId: "dockerfile/shell-wrapper-exec", apply: "suggestions" },
    { ruleId: "dockerfile/entrypoint-execs-command", apply: "suggestions" },
    { ruleId: "refine/signals", apply: (o) => signalHandling({ path: o.path, text: o.text }) },
    { ruleId: "dockerfile/healthcheck-missing", apply: healthcheckWithTool },
    { ruleId: "dockerfile/healthcheck-status-ignored", apply: "suggestions" },
    { ruleId: "dockerfile/shell-pipefail", apply: "suggestions" },
    { ruleId: "dockerfile/python-runtime-env", apply: "suggestions" },
  ],
};

/** Bound on the changes one step makes (each removes one finding, so a file has at most this many to answer). */
const MAX_CHANGES_PER_STEP = 20;

export interface GoalChangesResult {
  text: string;
  changes: GoalChange[];
  advice: GoalAdvice[];
  /** New files the changes create (a `.dockerignore` …), absolute path -> contents. */
  created: Map<string, string>;
}

/** The workspace with the files the goal's changes created so far (the lint and the start check see them). */
export function withCreated(fs: WorkspaceFs, created: ReadonlyMap<string, string>): WorkspaceFs {
  if (created.size === 0) return fs;
  const inDir = (dir: string) => [...created.keys()].filter((p) => dirname(p) === dir).map(basename);
  return {
    readFile: (p) => created.get(p) ?? fs.readFile(p),
    exists: (p) => created.has(p) || fs.exists(p),
    isDirectory: (p) => fs.isDirectory(p),
    readDir: (p) => [...new Set([...fs.readDir(p), ...inDir(p)])],
  };
}

/** The files a fix creates, when creating files is all it does besides editing this one (and they are new). */
function createdBy(fix: Fix, fs: WorkspaceFs): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const c of fix.changes ?? []) {
    if (c.create === undefined || c.edits !== undefined || fs.exists(c.path)) return undefined;
    out.set(c.path, c.create);
  }
  return out;
}

export function applyGoalChanges(options: LintOptions & { goal: RefineGoal }): GoalChangesResult {
  const kind = options.kind ?? detectKind(options.path);
  const changes: GoalChange[] = [];
  const advice: GoalAdvice[] = [];
  const created = new Map<string, string>();
  if (kind !== "dockerfile") return { text: options.text, changes, advice, created };
  const categories = GOAL_CATEGORIES[options.goal];
  const baseFs = options.fs ?? emptyFs;
  let fs = baseFs;
  const lintOf = (text: string, on: WorkspaceFs = fs) => lint({ ...options, kind, text, fs: on }).findings;
  const context = composeBuildOf(fs, options.path)?.context;
  const startFailures = (text: string, on: WorkspaceFs = fs) => {
    try {
      return checkStart({ dockerfilePath: options.path, text, fs: on, context }).failures;
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
      const unprompted = UNPROMPTED.test(step.ruleId);
      if (unprompted && round > 0) break;
      const targets = findings.filter((f) => f.ruleId === step.ruleId && !tried.has(keyOf(f)));
      if (!unprompted && targets.length === 0) break;
      let candidate: { title: string; text: string; finding?: Finding; files?: Map<string, string> } | undefined;
      if (step.apply === "suggestions") {
        for (const f of targets) {
          const fix = f.fixes.find((x) => x.edits.length > 0 || (x.changes ?? []).length > 0);
          const files = fix ? createdBy(fix, fs) : undefined;
          tried.add(keyOf(f));
          if (fix && files) {
            candidate = { title: fix.title, text: applyEdits(text, fix.edits), finding: f, files };
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
      const candidateFs = candidate.files && candidate.files.size > 0 ? withCreated(baseFs, new Map([...created, ...candidate.files])) : fs;
      const after = lintOf(candidate.text, candidateFs);
      const problem =
        rejection(findings, after, unprompted ? undefined : step.ruleId, categories) ??
        (startedBefore ? startProblem(startFailures(candidate.text, candidateFs)) : undefined);
      if (problem) {
        const line = candidate.finding ? candidate.finding.range.start.line + 1 : undefined;
        advice.push({ ruleId: step.ruleId, title: candidate.title, message: `not applied: ${problem}`, line });
        if (step.apply !== "suggestions") break;
        continue;
      }
      text = candidate.text;
      findings = after;
      for (const [p, contents] of candidate.files ?? []) created.set(p, contents);
      fs = candidateFs;
      changes.push({ ruleId: step.ruleId, title: candidate.title });
    }
  }
  return { text, changes, advice, created };
}

/** Identity of a finding across edits that move lines: rule and message. */
function keyOf(f: Finding): string {
  return `${f.ruleId}\u0000${f.message}`;
}

/** Why a changed text is not acceptable: its finding stays, or it brings a new finding of the goal or a new error. */
function rejection(before: Finding[], after: Finding[], ruleId: string | undefined, categories: readonly string[]): string | undefined {
  const count = (list: Finding[]) => list.filter((f) => f.ruleId === ruleId).length;
  if (ruleId !== undefined && count(after) >= count(before)) return "the finding it answers stays";
  const known = new Set(before.map(keyOf));
  // a hint is no finding to hold a change back for (review lists hints under "Consider"): `USER app` from the
  // non-root fix brings numeric-user's hint, and running as root is the far larger problem
  const added = after.find(
    (f) => !known.has(keyOf(f)) && ((categories.includes(f.category) && f.severity !== "hint") || f.severity === "error"),
  );
  return added ? `it would bring a new finding (${added.ruleId}: ${added.message})` : undefined;
}

function startProblem(failures: { message: string }[]): string | undefined {
  return failures.length > 0 ? `the image would no longer start (${failures[0]?.message})` : undefined;
}
