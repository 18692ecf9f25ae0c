import { digestHex } from "../../engine/baseline";
import type { Category, Severity } from "../../engine/types";
import type { DisplayFinding } from "./display";

/** Code Climate's severities, lowest to highest. */
type IssueSeverity = "info" | "minor" | "major" | "critical" | "blocker";

/** One issue of the Code Climate engine specification (GitLab Code Quality reads the same objects). */
export interface CodeClimateIssue {
  type: "issue";
  check_name: string;
  description: string;
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } };
  severity: IssueSeverity;
  fingerprint: string;
}

const SEVERITY: Record<Severity, IssueSeverity> = { error: "critical", warning: "major", info: "minor", hint: "info" };

/** Our categories in the spec's fixed list of categories. */
const CATEGORY: Record<Category, string> = {
  security: "Security",
  "image-size": "Performance",
  "build-speed": "Performance",
  reliability: "Bug Risk",
  maintainability: "Style",
};

function issues(findings: readonly DisplayFinding[], categoryOf: (ruleId: string) => Category | undefined): CodeClimateIssue[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    // the same rule twice on one line still needs two fingerprints (GitLab drops duplicates)
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const category = categoryOf(f.ruleId);
    return {
      type: "issue",
      check_name: f.ruleId,
      description: f.message,
      categories: [category ? CATEGORY[category] : "Bug Risk"],
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
      severity: SEVERITY[f.severity],
      fingerprint: digestHex(`${key}\u0000${n}`),
    };
  });
}

/**
 * `--format gitlab`: the GitLab Code Quality report (`artifacts:reports:codequality`), one JSON array of issues.
 */
export function formatGitlab(findings: readonly DisplayFinding[], categoryOf: (ruleId: string) => Category | undefined): string {
  return JSON.stringify(issues(findings, categoryOf), null, 2) + "\n";
}

/**
 * `--format codeclimate`: what a Code Climate engine prints, each issue a JSON document followed by a NUL character.
 */
export function formatCodeClimate(findings: readonly DisplayFinding[], categoryOf: (ruleId: string) => Category | undefined): string {
  return issues(findings, categoryOf)
    .map((i) => JSON.stringify(i) + "\u0000")
    .join("");
}
