/**
 * What writing a generator's files would do in a folder: create, leave unchanged, or overwrite (only when
 * asked). Shared by the CLI's dry run and the editor's confirmation step. Pure: reads through WorkspaceFs.
 */
import { join, normalize } from "../paths";
import type { WorkspaceFs } from "../types";
import { unifiedDiff } from "./diff";
import { isSafeRelativePath, type GeneratedFile } from "./files";

export type PlanAction = "create" | "unchanged" | "conflict";

export interface PlannedFile {
  /** Relative to the project folder. */
  path: string;
  /** Absolute (POSIX). */
  absolutePath: string;
  action: PlanAction;
  contents: string;
  /** Current text, when the file exists. */
  existing: string | undefined;
  /** Unified diff from the current to the generated text (conflicts and creates). */
  diff: string;
}

export function planFiles(fs: WorkspaceFs, root: string, files: GeneratedFile[]): PlannedFile[] {
  const base = normalize(root);
  return files.map((f) => {
    if (!isSafeRelativePath(f.path)) throw new Error(`generator produced a path outside the project folder: ${f.path}`);
    const absolutePath = join(base, f.path);
    if (absolutePath !== base && !absolutePath.startsWith(base.endsWith("/") ? base : base + "/")) {
      throw new Error(`generator produced a path outside the project folder: ${f.path}`);
    }
    const existing = fs.exists(absolutePath) ? (fs.readFile(absolutePath) ?? "") : undefined;
    const action: PlanAction = existing === undefined ? "create" : existing === f.contents ? "unchanged" : "conflict";
    const diff =
      action === "unchanged"
        ? ""
        : unifiedDiff(existing ?? "", f.contents, existing === undefined ? "/dev/null" : `a/${f.path}`, `b/${f.path}`);
    return { path: f.path, absolutePath, action, contents: f.contents, existing, diff };
  });
}
