import * as fs from "node:fs";
import type { ShipshapeConfig } from "../engine/config";
import { MAX_LINT_CHARS, lint, skippedFinding } from "../engine/linter";
import type { ComposeFileModel } from "../engine/model/compose";
import { detectKind } from "../engine/kinds";
import { fixToFixedPoint, isSafeFix, type FixFailure } from "../engine/fixes";
import type { FileKind, Finding, Fix } from "../engine/types";
import { fsErrorReason, type DiscoveredFile } from "./discover";
import { decodeText, nodeFs } from "./nodeFs";

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
  /** Fixes that did not remove their own finding (reported, not applied). */
  failures: (FixFailure & { path: string })[];
}

export interface RunOptions {
  /** The configuration of each file (its nearest config file, or `--config`). */
  configFor(path: string): ShipshapeConfig;
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
  const fixes: FixSummary = { changed: new Map(), created: [], failures: [] };
  const targets: LintTarget[] = [...files];
  if (options.fix) {
    const cache = new Map<string, ComposeFileModel>();
    for (const file of files) if (file.text === undefined) fixFile(file, options.configFor(file.path), cache, fixes);
    for (const created of fixes.created) {
      const kind = detectKind(created);
      if (kind && !targets.some((t) => t.path === created)) targets.push({ path: created, kind });
    }
  }
  const cache = new Map<string, ComposeFileModel>();
  const reports = targets.map((file) => lintOne(file, options.configFor(file.path), cache));
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

/** The first safe fix of a finding: what `--fix` and "Fix all" apply. */
export function safeFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => isSafeFix(f, finding));
}

/** Applies safe fixes to a fixed point (the engine's one applier), then writes the file and the files the fixes plan. */
function fixFile(file: DiscoveredFile, config: ShipshapeConfig, cache: Map<string, ComposeFileModel>, summary: FixSummary): void {
  const loaded = readText(file.path);
  if (loaded.tooLarge || loaded.unreadable !== undefined) return;
  const result = fixToFixedPoint({ path: file.path, text: loaded.text, kind: file.kind, fs: nodeFs, config, composeCache: cache });
  for (const f of result.failures) summary.failures.push({ path: file.path, ...f });
  if (result.changed) {
    writeText(file.path, result.text, loaded.bom);
    cache.delete(file.path);
    summary.changed.set(file.path, (summary.changed.get(file.path) ?? 0) + result.applied.filter((a) => a.fix.edits.length > 0).length);
  }
  for (const planned of result.files) {
    if (planned.created) {
      if (fs.existsSync(planned.path)) continue;
      fs.mkdirSync(planned.path.slice(0, planned.path.lastIndexOf("/")) || "/", { recursive: true });
      fs.writeFileSync(planned.path, planned.text);
      summary.created.push(planned.path);
    } else {
      const current = readText(planned.path);
      if (current.tooLarge || current.unreadable !== undefined || current.text === planned.text) continue;
      writeText(planned.path, planned.text, current.bom);
      summary.changed.set(planned.path, (summary.changed.get(planned.path) ?? 0) + 1);
    }
    cache.delete(planned.path);
  }
}
