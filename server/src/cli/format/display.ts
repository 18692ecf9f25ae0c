import * as path from "node:path";
import type { Severity } from "../../engine/types";
import type { FileReport } from "../lintRun";
import { safeFix } from "../lintRun";
import { toPosix } from "../nodeFs";

/** One finding as every output format shows it: positions 1-based, the file relative to the working directory. */
export interface DisplayFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** `--fix` would repair it (it has a safe fix). */
  fixable: boolean;
}

/** A path the run could not read, as every output format shows it. */
export interface DisplayUnreadable {
  file: string;
  reason: string;
}

/** The `ruleId` of a path that could not be read, in the JSON output (SARIF lists them as notifications). */
export const UNREADABLE_PATH_ID = "shipshape/path-unreadable";

export function unreadableMessage(u: DisplayUnreadable): string {
  return `Shipshape could not read this path: ${u.reason}.`;
}

export function relativeFile(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file)) || toPosix(path.basename(file));
}

export function toDisplay(reports: readonly FileReport[], cwd: string): DisplayFinding[] {
  const out: DisplayFinding[] = [];
  for (const report of reports) {
    const file = relativeFile(cwd, report.path);
    for (const f of report.findings) {
      out.push({
        file,
        ruleId: f.ruleId,
        severity: f.severity,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        message: f.message,
        fixable: safeFix(f) !== undefined,
      });
    }
  }
  return out;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
  fixable: number;
}

export function countFindings(findings: readonly DisplayFinding[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const f of findings) {
    c[f.severity]++;
    if (f.fixable) c.fixable++;
  }
  return c;
}
