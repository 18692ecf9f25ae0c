/**
 * The one fix selector and applier. `shipshape lint --fix`, the server's "Fix all" (`source.fixAll.shipshape`)
 * and refine all go through here, so they share one overlap rule and one convergence check:
 *
 * - **Selection.** Findings are taken in order (line, column, rule); each contributes its first fix that the
 *   caller's predicate accepts. A fix is left for a later pass when one of its edits overlaps an edit already
 *   chosen: two edits overlap when they share a character or start at the same offset (two insertions at one
 *   point, or an insertion where a replacement starts: their order would be a guess). A fix whose own edits
 *   overlap each other is malformed and never applied. Edits to another file are computed against that file's
 *   current text, so one fix per other file per pass.
 * - **Convergence.** After a pass the text is linted again. A fix whose finding is still there (same rule,
 *   message and position, positions mapped through the pass's edits) did not do its job: the pass is redone
 *   without it, it is reported in `failures`, and it is not offered again in this run.
 * - **Fixed point.** Passes repeat until no fix is left (a fix may expose the next one), at most `maxPasses`.
 *
 * Changes to other files are planned on an overlay of the workspace (later passes and rules see them) and
 * returned; nothing is written here.
 */
import { lint, type LintOptions } from "./linter";
import { LineIndex, applyEdits, type TextEdit } from "./text";
import type { FileChange, Finding, Fix, WorkspaceFs } from "./types";
import { emptyFs } from "./workspace";

/** Which fixes a caller applies. */
export type FixPredicate = (fix: Fix, finding: Finding) => boolean;

/**
 * The fix policy, in one place: "the safe ones" are what `--fix`, "Fix all" and refine apply without asking. A fix
 * is `safe` only when it cannot change what the image or the stack does on any base image the image model allows:
 * the rule declares `safe` in `meta.fixKinds` (the linter refuses an undeclared kind) and decides per finding, e.g.
 * `wget-progress` only where the model knows GNU wget runs. Everything else is a suggestion: offered as a quick
 * fix, never applied in bulk. See docs/severity.md.
 */
export const isSafeFix: FixPredicate = (fix) => fix.safe === true;

/** Passes before giving up: every pass applies at least one fix, and none repeats, so real files need few. */
export const MAX_FIX_PASSES = 10;

export interface Span {
  start: number;
  end: number;
}

/** The overlap rule (see the file comment). */
export function editsOverlap(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

export interface ChosenFix {
  finding: Finding;
  fix: Fix;
}

/**
 * The fixes one pass applies: the first accepted fix of each finding, in finding order, skipping fixes that
 * overlap an earlier choice (they wait for the next pass), malformed fixes, and fixes for which `skip` says so.
 */
export function selectFixes(
  text: string,
  findings: readonly Finding[],
  accept: FixPredicate = isSafeFix,
  skip: (fix: Fix, finding: Finding) => boolean = () => false,
): ChosenFix[] {
  const index = new LineIndex(text);
  const taken = new SpanSet();
  const otherFiles = new Set<string>();
  const chosen: ChosenFix[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => accept(f, finding) && !skip(f, finding));
    if (!fix) continue;
    if (fix.edits.length === 0 && !(fix.changes ?? []).length) continue;
    const spans = fix.edits.map((e: TextEdit) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }));
    if (selfOverlapping(spans)) continue;
    if (spans.some((s) => taken.overlaps(s))) continue;
    const others = (fix.changes ?? []).map((c) => c.path);
    if (others.some((p) => otherFiles.has(p))) continue;
    others.forEach((p) => otherFiles.add(p));
    spans.forEach((s) => taken.add(s));
    chosen.push({ finding, fix });
  }
  return chosen;
}

function selfOverlapping(spans: Span[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (editsOverlap(sorted[i - 1] as Span, sorted[i] as Span)) return true;
  return false;
}

/** A fix that did not remove its own finding. */
export interface FixFailure {
  ruleId: string;
  title: string;
  message: string;
  /** 1-based line of the finding when the fix was tried. */
  line: number;
}

export interface FixRunResult {
  /** The fixed text of the linted file. */
  text: string;
  changed: boolean;
  /** Fixes applied, in order. */
  applied: { ruleId: string; title: string; line: number; finding: Finding; fix: Fix }[];
  /** Other files the applied fixes create or edit, with their final contents. */
  files: { path: string; created: boolean; text: string }[];
  /** Fixes reported and not applied because their finding stayed. */
  failures: FixFailure[];
  /** Passes run; `converged` is false when `maxPasses` ran out with fixes still to apply. */
  passes: number;
  converged: boolean;
  /** True when `budgetMs` ran out before the fixed point. */
  outOfTime: boolean;
  /** Findings of the final text (its lint). */
  findings: Finding[];
}

export interface FixRunOptions {
  accept?: FixPredicate;
  maxPasses?: number;
  /** Only findings for which this holds take part (refine: the goal's categories). */
  include?: (finding: Finding) => boolean;
  /** Milliseconds after which no new pass starts (the server's "Fix all"); the result then says `converged: false`. */
  budgetMs?: number;
}

/** Applies accepted fixes to a fixed point, checking that each one removes its finding. Pure. */
export function fixToFixedPoint(options: LintOptions, run: FixRunOptions = {}): FixRunResult {
  const accept = run.accept ?? isSafeFix;
  const include = run.include ?? (() => true);
  const maxPasses = run.maxPasses ?? MAX_FIX_PASSES;
  const overlay = new OverlayFs(options.fs ?? emptyFs);
  const lintText = (text: string) => {
    for (const p of overlay.dirty) options.composeCache?.delete(p);
    return lint({ ...options, fs: overlay, text }).findings;
  };
  const failed = new Set<string>();
  const failures: FixFailure[] = [];
  const applied: FixRunResult["applied"] = [];
  const isFailed = (fix: Fix, finding: Finding) => failed.has(fixKey(fix, finding));

  let text = options.text;
  let findings = lintText(text);
  let passes = 0;
  let converged = false;
  const started = Date.now();
  let outOfTime = false;
  while (passes < maxPasses) {
    if (run.budgetMs !== undefined && Date.now() - started > run.budgetMs) {
      outOfTime = true;
      break;
    }
    let chosen = selectFixes(text, findings.filter(include), accept, isFailed);
    if (chosen.length === 0) {
      converged = true;
      break;
    }
    passes++;
    // try the pass; drop the fixes whose findings stay, then redo it without them (bounded: each retry drops one or more)
    for (;;) {
      const attempt = tryPass(text, chosen, overlay, lintText);
      const stuck = attempt.stuck;
      if (stuck.length === 0) {
        text = attempt.text;
        findings = attempt.findings;
        overlay.commit(attempt.overlayChanges);
        for (const c of chosen)
          applied.push({
            ruleId: c.finding.ruleId,
            title: c.fix.title,
            line: c.finding.range.start.line + 1,
            finding: c.finding,
            fix: c.fix,
          });
        break;
      }
      for (const c of stuck) {
        failed.add(fixKey(c.fix, c.finding));
        failures.push({ ruleId: c.finding.ruleId, title: c.fix.title, message: c.finding.message, line: c.finding.range.start.line + 1 });
      }
      chosen = chosen.filter((c) => !stuck.includes(c));
      if (chosen.length === 0) {
        findings = lintText(text);
        break;
      }
    }
  }
  return {
    text,
    changed: text !== options.text,
    applied,
    files: overlay.planned(),
    failures,
    passes,
    converged,
    outOfTime,
    findings,
  };
}

function fixKey(fix: Fix, finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}\u0000${fix.title}`;
}

interface PassAttempt {
  text: string;
  findings: Finding[];
  overlayChanges: Map<string, PlannedFile>;
  /** Whether each chosen fix's finding is still there after the pass. */
  stuck: ChosenFix[];
}

/** Applies the chosen fixes to the text (and their changes to the overlay), re-lints, and finds the fixes that did not work. */
function tryPass(text: string, chosen: ChosenFix[], overlay: OverlayFs, lintText: (text: string) => Finding[]): PassAttempt {
  const before = new LineIndex(text);
  const edits = chosen.flatMap((c) => c.fix.edits);
  const next = applyEdits(text, edits);
  const spans = edits
    .map((e) => ({ start: before.offsetAt(e.range.start), end: before.offsetAt(e.range.end), delta: e.newText.length }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const map = (offset: number) => mapOffset(spans, offset);
  const overlayChanges = new Map<string, PlannedFile>();
  for (const c of chosen) {
    for (const change of c.fix.changes ?? []) {
      const planned = applyChange(overlayChanges.get(change.path) ?? overlay.current(change.path), change);
      if (planned) overlayChanges.set(change.path, planned);
    }
  }
  const findings = overlay.with(overlayChanges, () => lintText(next));
  const after = new LineIndex(next);
  const remaining = new Set(findings.map((f) => `${f.ruleId}\u0000${f.message}\u0000${after.offsetAt(f.range.start)}`));
  const stuck = chosen.filter((c) => {
    const at = map(before.offsetAt(c.finding.range.start));
    return at !== undefined && remaining.has(`${c.finding.ruleId}\u0000${c.finding.message}\u0000${at}`);
  });
  return { text: next, findings, overlayChanges, stuck };
}

/**
 * Where the text at `offset` of the old text is in the new one, given the applied edits (sorted): text after
 * an insertion at `offset` moves with it. Undefined when an edit replaced that text: a finding there now is
 * about new text, so it cannot be the old one staying.
 */
export function mapOffset(spans: readonly { start: number; end: number; delta: number }[], offset: number): number | undefined {
  let shift = 0;
  for (const s of spans) {
    if (s.start > offset) break;
    if (s.start < s.end && s.start <= offset && offset < s.end) return undefined;
    shift += s.delta - (s.end - s.start);
  }
  return offset + shift;
}

interface PlannedFile {
  created: boolean;
  text: string;
}

function applyChange(current: PlannedFile | undefined, change: FileChange): PlannedFile | undefined {
  if (change.create !== undefined) return current ? undefined : { created: true, text: change.create };
  if (!change.edits?.length || current === undefined) return undefined;
  return { created: current.created, text: applyEdits(current.text, change.edits) };
}

/** The workspace with the files earlier passes planned to create or edit. */
class OverlayFs implements WorkspaceFs {
  private readonly files = new Map<string, PlannedFile>();
  private pending = new Map<string, PlannedFile>();
  /** Paths whose contents differ from the underlying workspace (parsed copies of them are stale). */
  readonly dirty = new Set<string>();

  constructor(private readonly base: WorkspaceFs) {}

  private lookup(path: string): PlannedFile | undefined {
    return this.pending.get(path) ?? this.files.get(path);
  }

  current(path: string): PlannedFile | undefined {
    const planned = this.lookup(path);
    if (planned) return planned;
    const text = this.base.readFile(path);
    return text === undefined ? undefined : { created: false, text };
  }

  with<T>(pending: Map<string, PlannedFile>, f: () => T): T {
    const saved = this.pending;
    this.pending = pending;
    for (const p of pending.keys()) this.dirty.add(p);
    try {
      return f();
    } finally {
      this.pending = saved;
    }
  }

  commit(changes: Map<string, PlannedFile>): void {
    for (const [p, f] of changes) {
      this.files.set(p, f);
      this.dirty.add(p);
    }
  }

  planned(): { path: string; created: boolean; text: string }[] {
    return [...this.files].map(([path, f]) => ({ path, created: f.created, text: f.text }));
  }

  readFile(path: string): string | undefined {
    return this.lookup(path)?.text ?? this.base.readFile(path);
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined || this.base.exists(path);
  }

  isDirectory(path: string): boolean {
    return this.lookup(path) === undefined && this.base.isDirectory(path);
  }

  readDir(path: string): string[] {
    const names = new Set(this.base.readDir(path));
    const prefix = path.endsWith("/") ? path : `${path}/`;
    for (const p of [...this.files.keys(), ...this.pending.keys()]) {
      if (p.startsWith(prefix) && !p.slice(prefix.length).includes("/")) names.add(p.slice(prefix.length));
    }
    return [...names].sort();
  }
}

/** Edits to one text kept as sorted, non-overlapping spans, so selection stays O(n log n) on thousands of fixes. */
class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  overlaps(s: Span): boolean {
    const i = this.lowerBound(s.start);
    for (const j of [i - 1, i]) {
      const start = this.starts[j];
      const end = this.ends[j];
      if (start !== undefined && end !== undefined && editsOverlap(s, { start, end })) return true;
    }
    return false;
  }

  add(s: Span): void {
    const i = this.lowerBound(s.start);
    this.starts.splice(i, 0, s.start);
    this.ends.splice(i, 0, s.end);
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** One edit turning `before` into `after`: the changed middle between their common prefix and suffix. */
export function singleEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // never split a CRLF or a surrogate pair
  while (start > 0 && (/[\r\uD800-\uDBFF]/.test(before[start - 1] as string) || /[\r\uD800-\uDBFF]/.test(after[start - 1] as string)))
    start--;
  const index = new LineIndex(before);
  return { range: index.rangeOf(start, before.length - end), newText: after.slice(start, after.length - end) };
}
