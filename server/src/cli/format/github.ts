import type { DisplayFinding } from "./display";

/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request's diff. Escaping follows the documented rules: in the message `%`, CR and LF
 * are percent-encoded; in property values `:` and `,` are too, since they delimit the properties.
 */
export function formatGithub(findings: readonly DisplayFinding[]): string {
  return findings
    .map((f) => {
      const command = f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : "notice";
      const props = {
        file: f.file,
        line: f.line,
        endLine: f.endLine,
        col: f.column,
        endColumn: f.endColumn,
        title: `shipshape ${f.ruleId}`,
      };
      const list = Object.entries(props)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(",");
      return `::${command} ${list}::${escapeData(f.message)}\n`;
    })
    .join("");
}

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
