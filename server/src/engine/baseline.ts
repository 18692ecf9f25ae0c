/**
 * The baseline: findings a team accepted when it adopted Shipshape, recorded in `.shipshape-baseline.json` so
 * later runs report only new ones. A finding is recorded by rule, file (relative to the baseline's folder) and a
 * fingerprint of the text it points at, not its line number, so adding or removing lines above it does not turn
 * it into a new finding. Editing the flagged text itself does: that is a new finding to look at.
 */
import { relative } from "./paths";
import { LineIndex } from "./text";
import type { Finding } from "./types";

export const BASELINE_FILE_NAME = ".shipshape-baseline.json";
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  /** Relative to the baseline file's folder, `/`-separated. */
  file: string;
  fingerprint: string;
  /** For people reviewing the file; not used for matching. */
  message?: string;
}

export interface Baseline {
  version: number;
  findings: BaselineEntry[];
}

/** At most this many characters of flagged text go into a fingerprint. */
const MAX_FINGERPRINT_CHARS = 4000;

/** A stable 128-bit hex digest (four FNV-1a lanes with extra mixing); pure, so it runs in a web worker too. */
export function digestHex(s: string): string {
  const seeds = [0x811c9dc5, 0x9e3779b9, 0xdeadbeef, 0x2545f491];
  return seeds
    .map((seed) => {
      let h = seed >>> 0;
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
        h ^= h >>> 15;
      }
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
      return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, "0");
    })
    .join("");
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, MAX_FINGERPRINT_CHARS);

/**
 * What a finding is about, independent of where it sits: the rule, the flagged text and the whole first line it
 * starts on (whitespace runs collapsed, so re-indenting does not count as a change).
 */
export function findingFingerprint(finding: Pick<Finding, "ruleId" | "range">, text: string, index = new LineIndex(text)): string {
  const start = index.offsetAt(finding.range.start);
  const end = Math.max(start, Math.min(index.offsetAt(finding.range.end), start + MAX_FINGERPRINT_CHARS));
  const line = index.lineText(finding.range.start.line);
  return digestHex(`${finding.ruleId}\u0000${squash(text.slice(start, end))}\u0000${squash(line)}`);
}

/** The baseline of a set of linted files; entries sorted so the file diffs well in review. */
export function createBaseline(
  files: readonly { path: string; text: string; findings: readonly Finding[] }[],
  baselineDir: string,
): Baseline {
  const findings: BaselineEntry[] = [];
  for (const f of files) {
    const index = new LineIndex(f.text);
    const file = relative(baselineDir, f.path);
    for (const finding of f.findings) {
      findings.push({ rule: finding.ruleId, file, fingerprint: findingFingerprint(finding, f.text, index), message: finding.message });
    }
  }
  findings.sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, findings };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + "\n";
}

/** Reads a baseline file; anything malformed is a problem, never an exception. */
export function parseBaseline(text: string): { baseline: Baseline; problems: string[] } {
  const empty: Baseline = { version: BASELINE_VERSION, findings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { baseline: empty, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const list = typeof raw === "object" && raw !== null ? (raw as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(list)) return { baseline: empty, problems: ['expected an object with a "findings" array'] };
  const problems: string[] = [];
  const findings: BaselineEntry[] = [];
  for (const [i, e] of list.entries()) {
    const o = e as Partial<BaselineEntry> | null;
    if (o && typeof o.rule === "string" && typeof o.file === "string" && typeof o.fingerprint === "string")
      findings.push({ rule: o.rule, file: o.file, fingerprint: o.fingerprint });
    else problems.push(`findings[${i}]: needs rule, file and fingerprint strings`);
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== BASELINE_VERSION) problems.push(`version ${String(version)} is not ${BASELINE_VERSION}`);
  return { baseline: { version: BASELINE_VERSION, findings }, problems };
}

/**
 * Matches findings against a baseline. Each entry absorbs one finding: a file that had two identical findings
 * and now has three reports one.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, number>();

  constructor(
    baseline: Baseline,
    private readonly baselineDir: string,
  ) {
    for (const e of baseline.findings) {
      const key = this.key(e.rule, e.file, e.fingerprint);
      this.remaining.set(key, (this.remaining.get(key) ?? 0) + 1);
    }
  }

  private key(rule: string, file: string, fingerprint: string): string {
    return `${rule}\u0000${file}\u0000${fingerprint}`;
  }

  /** Splits one file's findings into new ones and those the baseline accepts. */
  split<F extends Finding>(path: string, text: string, findings: readonly F[]): { fresh: F[]; known: F[] } {
    const file = relative(this.baselineDir, path);
    const index = new LineIndex(text);
    const fresh: F[] = [];
    const known: F[] = [];
    for (const f of findings) {
      const key = this.key(f.ruleId, file, findingFingerprint(f, text, index));
      const left = this.remaining.get(key) ?? 0;
      if (left > 0) {
        this.remaining.set(key, left - 1);
        known.push(f);
      } else fresh.push(f);
    }
    return { fresh, known };
  }
}
