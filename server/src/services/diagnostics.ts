import { ruleDocUrl } from "../engine/docs";
import { SKIPPED_FILE_RULE_ID } from "../engine/linter";
import type { DockerfileModel } from "../engine/model/dockerfile";
import type { LineIndex } from "../engine/text";
import type { FileKind, Finding, Fix, Severity } from "../engine/types";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";

export const DIAGNOSTIC_SOURCE = "shipshape";

/** What a diagnostic carries so code actions never re-lint. */
export interface FindingData {
  /** The document version the fixes were computed against. */
  version: number;
  fixes: Fix[];
  /** Where "Suppress <rule> on this line" puts its comment: above this line, with this indentation. */
  suppressLine: number;
  suppressIndent: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number, suppressAt: { line: number; indent: string }): Diagnostic {
  const data: FindingData = { version, fixes: finding.fixes, suppressLine: suppressAt.line, suppressIndent: suppressAt.indent };
  const d: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.ruleId !== SKIPPED_FILE_RULE_ID) d.codeDescription = { href: ruleDocUrl(finding.ruleId) };
  return d;
}

export function isFindingData(v: unknown): v is FindingData {
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray((v as FindingData).fixes) &&
    typeof (v as FindingData).version === "number" &&
    typeof (v as FindingData).suppressLine === "number"
  );
}

/**
 * The line a suppression comment goes above: the first line of the Dockerfile instruction (a comment inside
 * a continued instruction would not suppress it), or the YAML line itself (the key or `- item`).
 */
export function suppressionAnchor(
  kind: FileKind,
  line: number,
  lines: LineIndex,
  model: DockerfileModel | undefined,
): { line: number; indent: string } {
  let at = line;
  if (kind === "dockerfile" && model) {
    const ins = model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
    if (ins) at = ins.range.start.line;
  }
  const text = at < lines.lineCount ? lines.lineText(at) : "";
  return { line: at, indent: /^[ \t]*/.exec(text)?.[0] ?? "" };
}
