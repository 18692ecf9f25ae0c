import type { DisplayFinding } from "./display";
import { XML_DECLARATION, xmlAttributes } from "./xml";

/**
 * `--format checkstyle`: the Checkstyle XML report that CI plugins (Jenkins warnings, reviewdog, Sonar, …) read:
 * one `<file>` per checked file, one `<error>` per finding with line, column, severity, message and the rule as
 * `source`. Checkstyle has no hint level: hints are `info`.
 */
export function formatCheckstyle(findings: readonly DisplayFinding[], files: readonly string[]): string {
  const byFile = new Map<string, DisplayFinding[]>(files.map((f) => [f, []]));
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const [file, list] of byFile) {
    if (list.length === 0) {
      lines.push(`  <file${xmlAttributes({ name: file })}/>`);
      continue;
    }
    lines.push(`  <file${xmlAttributes({ name: file })}>`);
    for (const f of list) {
      const severity = f.severity === "hint" ? "info" : f.severity;
      lines.push(`    <error${xmlAttributes({ line: f.line, column: f.column, severity, message: f.message, source: f.ruleId })}/>`);
    }
    lines.push("  </file>");
  }
  lines.push("</checkstyle>");
  return lines.join("\n") + "\n";
}
