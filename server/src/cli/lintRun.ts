import * as fs from "node:fs";
import type { ShipshapeConfig } from "../engine/config";
import { MAX_LINT_CHARS, SKIPPED_FILE_RULE_ID, lint } from "../engine/linter";
import type { ComposeFileModel } from "../engine/model/compose";
import { detectKind } from "../engine/kinds";
import { LineIndex, applyEdits, type TextEdit } from "../engine/text";
import type { FileChange, FileKind, Finding, Fix } from "../engine/types";
import { fsErrorReason, type DiscoveredFile } from "./discover";
import { decodeText, nodeFs } from "./nodeFs";

/** `--fix` re-lints and fixes a file at most this many times (a fix that keeps re-firing cannot loop). */
export const MAX_FIX_PASSES = 10;
/** Files above this many bytes are not even read; the linter would skip them anyway. */
const MAX_READ_BYTES = 4 * MAX_LINT_CHARS;

/** A file to lint; `text` is given for standard input, read from disk otherwise. */
export interface LintTarget extends DiscoveredFile {
  text?: string;
}

export interface FileReport {
  path: string;
  kind: FileKind;
  /** The text that was linted ("" when the file was skipped). */
  text: string;
  findings: Finding[];
  /** Rules that crashed on this file (their findings are missing). */
  ruleErrors: { ruleId: string; message: string }[];
  /** Set when the file could not be read (the reason, in words): it was not linted, and the run exits 2. */
  unreadable?: string;
}

export interface FixSummary {
  /** Files whose text `--fix` changed (absolute paths), with the number of fixes applied. */
  changed: Map<string, number>;
  /** Files a fix created. */
  created: string[];
}

export interface RunOptions {
  config: ShipshapeConfig;
  fix: boolean;
}

export interface RunResult {
  reports: FileReport[];
  fixes: FixSummary;
}

interface LoadedText {
  text: string;
  bom: boolean;
  /** Set when the file is too large to read. */
  tooLarge?: boolean;
  unreadable?: string;
}

function readText(path: string): LoadedText {
  try {
    const size = fs.statSync(path).size;
    if (size > MAX_READ_BYTES) return { text: "", bom: false, tooLarge: true };
    return decodeText(fs.readFileSync(path));
  } catch (e) {
    return { text: "", bom: false, unreadable: fsErrorReason(e) };
  }
}

function writeText(path: string, text: string, bom: boolean): void {
  fs.writeFileSync(path, (bom ? "\uFEFF" : "") + text);
}

/** Lints every file (one compose cache for the run); with `fix`, first applies safe fixes until each file is stable. */
export function runLint(files: readonly LintTarget[], options: RunOptions): RunResult {
  const fixes: FixSummary = { changed: new Map(), created: [] };
  const targets: LintTarget[] = [...files];
  if (options.fix) {
    const cache = new Map<string, ComposeFileModel>();
    for (const file of files) if (file.text === undefined) fixFile(file, options.config, cache, fixes);
    for (const created of fixes.created) {
      const kind = detectKind(created);
      if (kind && !targets.some((t) => t.path === created)) targets.push({ path: created, kind });
    }
  }
  const cache = new Map<string, ComposeFileModel>();
  const reports = targets.map((file) => lintOne(file, options.config, cache));
  return { reports, fixes };
}

function lintOne(file: LintTarget, config: ShipshapeConfig, cache: Map<string, ComposeFileModel>): FileReport {
  const loaded: LoadedText = file.text !== undefined ? { text: file.text.replace(/^\uFEFF/, ""), bom: false } : readText(file.path);
  if (loaded.unreadable !== undefined)
    return { path: file.path, kind: file.kind, text: "", findings: [], ruleErrors: [], unreadable: loaded.unreadable };
  if (loaded.tooLarge) {
    const reason = `it is larger than ${Math.round(MAX_READ_BYTES / 1024 / 1024)} MB`;
    return { path: file.path, kind: file.kind, text: "", findings: [skippedFinding(file.path, reason)], ruleErrors: [] };
  }
  const result = lint({ path: file.path, text: loaded.text, kind: file.kind, fs: nodeFs, config, composeCache: cache });
  return {
    path: file.path,
    kind: file.kind,
    text: loaded.text,
    findings: result.findings,
    ruleErrors: result.ruleErrors.map((e) => ({ ruleId: e.ruleId, message: e.error instanceof Error ? e.error.message : String(e.error) })),
  };
}

function skippedFinding(path: string, reason: string): Finding {
  return {
    ruleId: SKIPPED_FILE_RULE_ID,
    messageId: "skipped",
    message: `Shipshape did not check this file: ${reason}.`,
    severity: "info",
    category: "reliability",
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
    file: path,
  };
}

/** The first safe fix of a finding: what `--fix` and "Fix all" apply. */
export function safeFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.safe);
}

function fixFile(file: DiscoveredFile, config: ShipshapeConfig, cache: Map<string, ComposeFileModel>, summary: FixSummary): void {
  const loaded = readText(file.path);
  if (loaded.tooLarge || loaded.unreadable !== undefined) return;
  let text = loaded.text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings } = lint({ path: file.path, text, kind: file.kind, fs: nodeFs, config, composeCache: cache });
    const chosen = chooseFixes(text, findings);
    if (chosen.length === 0) return;
    const next = applyEdits(
      text,
      chosen.flatMap((f) => f.edits),
    );
    let changedOthers = false;
    for (const fix of chosen) for (const change of fix.changes ?? []) changedOthers = applyChange(change, summary, cache) || changedOthers;
    if (next === text && !changedOthers) return;
    if (next !== text) {
      writeText(file.path, next, loaded.bom);
      text = next;
      cache.delete(file.path);
      summary.changed.set(file.path, (summary.changed.get(file.path) ?? 0) + chosen.length);
    }
  }
}

/** Safe fixes whose edits do not touch each other, in finding order; the rest wait for the next pass. */
function chooseFixes(text: string, findings: readonly Finding[]): Fix[] {
  const index = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const otherFiles = new Set<string>();
  const chosen: Fix[] = [];
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
  for (const finding of findings) {
    const fix = safeFix(finding);
    if (!fix) continue;
    const spans = fix.edits.map((e: TextEdit) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }));
    const selfOverlap = spans.some((a, i) => spans.some((b, j) => i < j && overlaps(a, b)));
    if (selfOverlap || spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    // edits to another file were computed against its current text: one fix per other file per pass
    const others = (fix.changes ?? []).filter((c) => c.edits?.length).map((c) => c.path);
    if (others.some((p) => otherFiles.has(p))) continue;
    others.forEach((p) => otherFiles.add(p));
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}

/** Creates a file only when it is absent; edits another file in place. Returns whether the disk changed. */
function applyChange(change: FileChange, summary: FixSummary, cache: Map<string, ComposeFileModel>): boolean {
  if (change.create !== undefined) {
    if (fs.existsSync(change.path)) return false;
    fs.mkdirSync(change.path.slice(0, change.path.lastIndexOf("/")) || "/", { recursive: true });
    fs.writeFileSync(change.path, change.create);
    summary.created.push(change.path);
    cache.delete(change.path);
    return true;
  }
  if (!change.edits?.length) return false;
  const loaded = readText(change.path);
  if (loaded.tooLarge || loaded.unreadable !== undefined) return false;
  const next = applyEdits(loaded.text, change.edits);
  if (next === loaded.text) return false;
  writeText(change.path, next, loaded.bom);
  cache.delete(change.path);
  summary.changed.set(change.path, (summary.changed.get(change.path) ?? 0) + 1);
  return true;
}
