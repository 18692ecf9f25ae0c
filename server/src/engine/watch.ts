/**
 * The files whose changes on disk can change a lint result: config files (ours, the baseline, and the hadolint
 * and dclint configs read when there is no `.shipshape.json`), the kinds of file Shipshape lints
 * (compose projects and the Dockerfiles they build read each other), and the neighbours each rule declares in
 * `meta.reads`. The server registers its file watcher from this, so adding a rule that reads a new kind of
 * neighbour needs no hand-kept list.
 */
import { BASELINE_FILE_NAME } from "./baseline";
import { CONFIG_FILE_NAMES } from "./config";
import { DCLINT_CONFIG_NAMES, HADOLINT_CONFIG_NAMES } from "./migrate";
import type { AnyRule } from "./rule";

/** Name globs of the files Shipshape lints (what detectKind accepts, as globs). */
export const LINTED_FILE_GLOBS = [
  "Dockerfile*",
  "Containerfile*",
  "dockerfile*",
  "containerfile*",
  "*.dockerfile",
  "*.Dockerfile",
  "*.containerfile",
  "*compose*.yml",
  "*compose*.yaml",
  ".dockerignore",
  "*.dockerignore",
  ".containerignore",
];

/** Neighbours the linter itself reads, whatever the rules: the `.env` next to a compose file (its encoding check). */
export const LINTER_READS = [".env"];

/** Base-name globs to watch, without duplicates, in a stable order. */
export function watchedNames(rules: readonly AnyRule[]): string[] {
  const names = new Set<string>([
    ...CONFIG_FILE_NAMES,
    BASELINE_FILE_NAME,
    ...HADOLINT_CONFIG_NAMES,
    ...DCLINT_CONFIG_NAMES,
    ...LINTED_FILE_GLOBS,
    ...LINTER_READS,
  ]);
  for (const rule of rules) for (const glob of rule.meta.reads ?? []) names.add(glob);
  return [...names];
}

/** One glob pattern for `workspace/didChangeWatchedFiles`. */
export function watchedFilesGlob(rules: readonly AnyRule[]): string {
  return `**/{${watchedNames(rules).join(",")}}`;
}

/** Whether a base name matches a name glob (`*` any run of characters, `?` one character). */
export function matchesNameGlob(name: string, glob: string): boolean {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(name);
}
