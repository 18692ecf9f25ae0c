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

/**
 * Compose files a project names with `include` or `extends.file`: the compose model reads them for every compose
 * rule, and they may have any name, so every YAML file is watched (a change re-lints only the documents that read it).
 */
export const COMPOSE_PROJECT_READS = ["*.yml", "*.yaml"];

/** Base-name globs to watch, without duplicates, in a stable order. */
export function watchedNames(rules: readonly AnyRule[]): string[] {
  const names = new Set<string>([
    ...CONFIG_FILE_NAMES,
    BASELINE_FILE_NAME,
    ...HADOLINT_CONFIG_NAMES,
    ...DCLINT_CONFIG_NAMES,
    ...LINTED_FILE_GLOBS,
    ...LINTER_READS,
    ...COMPOSE_PROJECT_READS,
  ]);
  for (const rule of rules) for (const glob of rule.meta.reads ?? []) names.add(glob);
  return [...names];
}

/** One glob pattern for `workspace/didChangeWatchedFiles`. */
export function watchedFilesGlob(rules: readonly AnyRule[]): string {
  return `**/{${watchedNames(rules).join(",")}}`;
}

/** Whether a base name matches a name glob (`*` any run of characters, `?` one character); linear, no RegExp. */
export function matchesNameGlob(name: string, glob: string): boolean {
  // the classic greedy wildcard match with one backtrack point: O(name × glob) at worst, no recursion
  let n = 0;
  let g = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === "?" || glob[g] === name[n])) {
      n++;
      g++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      mark = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}
