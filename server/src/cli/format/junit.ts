import type { DisplayFinding } from "./display";
import { XML_DECLARATION, xmlAttributes, xmlText } from "./xml";

/**
 * `--format junit`: JUnit XML as CI test-report views read it (GitLab `artifacts:reports:junit`, Jenkins, Azure):
 * a `<testsuite>` per checked file, a failing `<testcase>` per finding (its severity as the failure `type`), and one
 * passing test case for a file without findings, so clean files show as passed rather than missing.
 */
export function formatJunit(findings: readonly DisplayFinding[], files: readonly string[]): string {
  const byFile = new Map<string, DisplayFinding[]>(files.map((f) => [f, []]));
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const total = [...byFile.values()].reduce((n, list) => n + Math.max(1, list.length), 0);
  const lines = [
    XML_DECLARATION,
    `<testsuites${xmlAttributes({ name: "shipshape", tests: total, failures: findings.length, errors: 0 })}>`,
  ];
  for (const [file, list] of byFile) {
    const suite = { name: file, tests: Math.max(1, list.length), failures: list.length, errors: 0, skipped: 0 };
    lines.push(`  <testsuite${xmlAttributes(suite)}>`);
    if (list.length === 0) lines.push(`    <testcase${xmlAttributes({ name: "no problems", classname: file })}/>`);
    for (const f of list) {
      lines.push(`    <testcase${xmlAttributes({ name: `${f.ruleId} at ${f.line}:${f.column}`, classname: file })}>`);
      const body = `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} (${f.ruleId})`;
      lines.push(`      <failure${xmlAttributes({ message: f.message, type: f.severity })}>${xmlText(body)}</failure>`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return lines.join("\n") + "\n";
}
