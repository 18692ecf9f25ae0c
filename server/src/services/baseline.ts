import { BASELINE_FILE_NAME, BaselineMatcher, parseBaseline } from "../engine/baseline";
import { dirname, join } from "../engine/paths";
import type { Finding, WorkspaceFs } from "../engine/types";

/** Appended to the message of a finding the baseline accepts. */
export const BASELINED_SUFFIX = " (accepted in the baseline)";

/**
 * Findings the workspace's `.shipshape-baseline.json` accepts come down to hint level (still visible, no longer
 * noise); new ones keep their severity. The baseline is the nearest one from the file's folder up to its
 * workspace folder, as the CLI run from that folder writes it.
 */
export function applyWorkspaceBaseline(
  filePath: string,
  text: string,
  findings: Finding[],
  fs: WorkspaceFs,
  roots: readonly string[],
): { findings: Finding[]; baselinePath?: string; problems: string[] } {
  const root = roots.filter((r) => filePath.startsWith(r.endsWith("/") ? r : r + "/")).sort((a, b) => b.length - a.length)[0];
  for (let dir = dirname(filePath), hops = 0; hops < 64; dir = dirname(dir), hops++) {
    const path = join(dir, BASELINE_FILE_NAME);
    const raw = fs.readFile(path);
    if (raw !== undefined) {
      const { baseline, problems } = parseBaseline(raw);
      const { known } = new BaselineMatcher(baseline, dir).split(filePath, text, findings);
      const accepted = new Set(known);
      const out = findings.map((f) => (accepted.has(f) ? { ...f, severity: "hint" as const, message: f.message + BASELINED_SUFFIX } : f));
      return { findings: out, baselinePath: path, problems };
    }
    if (dir === root || dir === dirname(dir)) break;
  }
  return { findings, problems: [] };
}
