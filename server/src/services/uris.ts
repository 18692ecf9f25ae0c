import { URI } from "vscode-uri";
import { normalize } from "../engine/paths";

/** The engine's path for a document: the file path for `file:` URIs (POSIX separators), a stable pseudo-path otherwise. */
export function uriToPath(uri: string): string {
  try {
    const u = URI.parse(uri);
    if (u.scheme === "file") return normalize(u.fsPath);
    return normalize(`/${u.scheme}/${u.path.replace(/^\/+/, "")}`);
  } catch {
    return normalize(`/unknown/${uri.replace(/[^A-Za-z0-9._-]+/g, "_")}`);
  }
}

/**
 * Read-only views of another version of a file: diff bases and history (VS Code's Git, GitLens, other SCM
 * extensions), pull-request reviews and the generators' previews. A problem there cannot be fixed, and would show twice in the
 * Problems panel next to the working file's.
 */
export const READ_ONLY_SCHEMES: ReadonlySet<string> = new Set([
  "git",
  "gitlens",
  "gitlens-git",
  "gitfs",
  "pr",
  "review",
  "svn",
  "hg",
  "perforce",
  "merge-conflict.conflict-diff",
  // the generators' "current ↔ generated" diff: the generated side has no folder of its own yet (its build
  // contexts, .env and Dockerfile would all "not exist"), and the engine has linted it clean before it is shown
  "shipshape-preview",
]);

export interface SchemePolicy {
  /** Diagnostics are published for it. */
  lint: boolean;
  /** Where its rules and hovers read neighbour files (other compose files, `.env`, config): the disk, or nowhere. */
  neighbours: "disk" | "none";
}

/**
 * What the server does with a document, by its URI scheme, whatever the editor's document selector sent:
 * `file:` is linted and sees its folder; `untitled:` and virtual workspaces (`vscode-vfs:` on vscode.dev,
 * remote and shared-session schemes) are linted on their own text; read-only SCM schemes get hovers and
 * completion but no diagnostics and no reads of the working tree.
 */
export function schemePolicy(uri: string): SchemePolicy {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase() ?? "";
  if (scheme === "file") return { lint: true, neighbours: "disk" };
  if (READ_ONLY_SCHEMES.has(scheme)) return { lint: false, neighbours: "none" };
  return { lint: true, neighbours: "none" };
}

export function isFileUri(uri: string): boolean {
  return uri.startsWith("file:");
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}
