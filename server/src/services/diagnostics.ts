import { ruleDocUrl } from "../engine/docs";
import { BUDGET_RULE_ID, SKIPPED_FILE_RULE_ID } from "../engine/linter";
import type { Finding, Fix, Severity } from "../engine/types";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";

export const DIAGNOSTIC_SOURCE = "shipshape";

/** What a diagnostic carries so code actions never re-lint. */
export interface FindingData {
  /** The document version the fixes were computed against. */
  version: number;
  fixes: Fix[];
  /** The finding is about the whole file (Finding.scope). */
  fileScope?: true;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: FindingData = { version, fixes: finding.fixes, ...(finding.scope === "file" ? { fileScope: true as const } : {}) };
  const d: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.ruleId !== SKIPPED_FILE_RULE_ID && finding.ruleId !== BUDGET_RULE_ID)
    d.codeDescription = { href: ruleDocUrl(finding.ruleId) };
  return d;
}

export function isFindingData(v: unknown): v is FindingData {
  return typeof v === "object" && v !== null && Array.isArray((v as FindingData).fixes) && typeof (v as FindingData).version === "number";
}
