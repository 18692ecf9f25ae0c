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

export function isFileUri(uri: string): boolean {
  return uri.startsWith("file:");
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}
