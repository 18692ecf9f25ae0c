import { UNREADABLE_PATH_ID, unreadableMessage, type DisplayFinding, type DisplayUnreadable } from "./display";

/**
 * `--format json`: exactly one array, one object per finding, then one per path that could not be read
 * (`ruleId` "shipshape/path-unreadable", severity error, at 1:1).
 */
export function formatJson(findings: readonly DisplayFinding[], unreadable: readonly DisplayUnreadable[] = []): string {
  const paths: DisplayFinding[] = unreadable.map((u) => ({
    file: u.file,
    ruleId: UNREADABLE_PATH_ID,
    severity: "error",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: unreadableMessage(u),
    fixable: false,
  }));
  return JSON.stringify([...findings, ...paths], null, 2) + "\n";
}
