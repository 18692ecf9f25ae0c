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
  /**
   * The file exists and `contents` is it with the generated lines appended (`.gitignore`, `.env*.example`): nothing
   * of the user's is removed, so writing it needs no `--force` (still shown as a diff first).
   */
  merged?: boolean;
  /**
   * A `.dockerignore` that exists and differs: the file with only the generated entries it lacks appended (nothing of
   * the user's removed), offered beside overwriting; undefined when it lacks none.
   */
  mergeable?: { contents: string; diff: string; added: string[] };
}

/** Files a generator adds lines to instead of replacing: ignore lists and env templates. */
export function isMergedFile(path: string): boolean {
  const name = path.split("/").pop() ?? "";
  return name === ".gitignore" || /^\.env(\.[\w-]+)?\.example$/.test(name);
}

/** The key a line is merged by: the pattern (`.gitignore`) or the variable name (`.env.example`); undefined for comments. */
function lineKey(path: string, line: string): string | undefined {
  const t = line.trim();
  if (t === "" || t.startsWith("#")) return undefined;
  if (path.endsWith(".gitignore") || path.endsWith(".dockerignore")) return t.replace(/^\//, "").replace(/\/$/, "");
  return /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(t)?.[1] ?? t;
}

/**
 * `existing` with what `generated` adds: each generated line whose key the file lacks, with the comment lines of its
 * group (the comments above the group's first line: `# Version control` above `.git` and `.gitignore`), under one
 * "added by Shipshape" heading. The user's lines, their comments and their order stay as they are.
 */
export function mergeLines(path: string, existing: string, generated: string): string {
  const have = new Set(
    existing
      .split(/\r?\n/)
      .map((l) => lineKey(path, l))
      .filter((k): k is string => k !== undefined),
  );
  const added: string[] = [];
  let comments: string[] = [];
  // whether the group's comments are in `added` already, and whether the last line was an entry
  let written = false;
  let afterEntry = false;
  for (const line of generated.split(/\r?\n/)) {
    const key = lineKey(path, line);
    if (key === undefined) {
      if (line.trim() === "") comments = [];
      else comments = afterEntry ? [line] : [...comments, line];
      if (line.trim() === "" || afterEntry) written = false;
      afterEntry = false;
      continue;
    }
    afterEntry = true;
    if (have.has(key)) continue;
    // a group of its own, set apart as in the generated file
    if (!written) added.push(...(added.length > 0 && comments.length > 0 ? [""] : []), ...comments);
    written = true;
    added.push(line);
    have.add(key);
  }
  if (added.length === 0) return existing;
  const sep = existing === "" || existing.endsWith("\n") ? "" : "\n";
  return `${existing}${sep}${existing.trim() === "" ? "" : "\n"}# Added by Shipshape\n${added.join("\n")}\n`;
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
    const merged = existing !== undefined && isMergedFile(f.path);
    const contents = merged ? mergeLines(f.path, existing, f.contents) : f.contents;
    const action: PlanAction = existing === undefined ? "create" : existing === contents ? "unchanged" : "conflict";
    const diff =
      action === "unchanged"
        ? ""
        : unifiedDiff(existing ?? "", contents, existing === undefined ? "/dev/null" : `a/${f.path}`, `b/${f.path}`);
    const mergeable = action === "conflict" && !merged && existing !== undefined ? mergeOffer(f.path, existing, f.contents) : undefined;
    return {
      path: f.path,
      absolutePath,
      action,
      contents,
      existing,
      diff,
      ...(merged && action === "conflict" ? { merged: true } : {}),
      ...(mergeable ? { mergeable } : {}),
    };
  });
}

/** Files whose entries can be merged instead of replaced when they exist (on request). */
export function isMergeableFile(path: string): boolean {
  return (path.split("/").pop() ?? "") === ".dockerignore";
}

/** The merge of a `.dockerignore` the user asked for: its text with the missing generated entries. */
function mergeOffer(path: string, existing: string, generated: string): PlannedFile["mergeable"] {
  if (!isMergeableFile(path)) return undefined;
  const contents = mergeLines(path, existing, generated);
  if (contents === existing) return undefined;
  const before = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const added = contents
    .slice(existing.length)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !before.has(l));
  return { contents, diff: unifiedDiff(existing, contents, `a/${path}`, `b/${path}`), added };
}
