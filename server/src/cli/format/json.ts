import type { DisplayFinding } from "./display";

/** `--format json`: exactly one array, one object per finding. */
export function formatJson(findings: readonly DisplayFinding[]): string {
  return JSON.stringify(findings, null, 2) + "\n";
}
