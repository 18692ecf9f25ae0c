import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { detectKind, hasTemplateMarkup, isTemplateName } from "../engine/kinds";
import type { FileKind } from "../engine/types";
import { toPosix } from "./nodeFs";

/** Folders never searched, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(["node_modules", ".git"]);
/** A bound on the walk, so a path like `/` cannot run for ever. */
const MAX_ENTRIES = 500_000;

export interface DiscoveredFile {
  /** Absolute, POSIX separators. */
  path: string;
  kind: FileKind;
}

/** A path Shipshape could not read, with the real reason (never silently skipped). */
export interface UnreadablePath {
  /** Absolute, POSIX separators. */
  path: string;
  reason: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  /**
   * Paths that could not be read: a named path that does not exist, is not a regular file or folder (a FIFO,
   * a socket, a device), or could not be opened; folders the walk could not list; lintable names in a walked
   * folder that are not regular files.
   */
  unreadable: UnreadablePath[];
  /** Files named on the command line that Shipshape does not lint. */
  unsupported: string[];
  /**
   * Files found in folders that are templates for a Dockerfile or compose file rather than one
   * (`Dockerfile.template`, Jinja/cookiecutter markup): not linted, since their text is not what Docker reads.
   */
  templates: string[];
}

/** The reason an fs call failed, in words, with the system's code (`permission denied (EACCES)`). */
export function fsErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOENT: "no such file or folder",
    ENOTDIR: "a part of the path is not a folder",
    ELOOP: "too many symbolic links",
    ENAMETOOLONG: "the name is too long",
    EIO: "input/output error",
    EMFILE: "too many open files",
    EISDIR: "it is a folder",
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** What a path is when it is neither a regular file nor a folder. */
function specialKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

interface IgnoreScope {
  /** The folder the .gitignore lives in (absolute, native). */
  dir: string;
  rules: Ignore;
}

/**
 * Finds Dockerfiles, compose files and .dockerignore files under `inputs` (files or folders, relative to `cwd`).
 * Folders are walked respecting every .gitignore from the repository root down; files named explicitly are
 * linted even when ignored, like `git add -f`.
 */
export function discoverFiles(inputs: readonly string[], cwd: string): Discovery {
  const found = new Map<string, DiscoveredFile>();
  const unreadable: UnreadablePath[] = [];
  const unsupported: string[] = [];
  const templates: string[] = [];
  let budget = MAX_ENTRIES;
  // a path both named and found in a walked folder is reported once
  const cannotRead = (abs: string, reason: string) => {
    if (!unreadable.some((u) => u.path === toPosix(abs))) unreadable.push({ path: toPosix(abs), reason });
  };

  for (const input of inputs.length ? inputs : ["."]) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      cannotRead(abs, fsErrorReason(error));
      continue;
    }
    if (stat.isFile()) {
      const kind = detectKind(toPosix(abs));
      if (kind) found.set(abs, { path: toPosix(abs), kind });
      else unsupported.push(input);
      continue;
    }
    if (!stat.isDirectory()) {
      cannotRead(abs, `it is ${specialKind(stat)}, not a regular file or folder`);
      continue;
    }
    const scopes = ancestorScopes(abs);
    walk(abs, scopes);
  }

  function walk(dir: string, scopes: IgnoreScope[]): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      cannotRead(dir, `the folder could not be listed: ${fsErrorReason(error)}`);
      return;
    }
    // only a folder that lists a .gitignore has one to read (reading it in every folder threw once per folder);
    // any letter case, as the file system may match it case-insensitively
    const own = entries.some((e) => e.name.length === 10 && e.name.toLowerCase() === ".gitignore") ? readGitignore(dir) : undefined;
    const here = own ? [...scopes, own] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (--budget < 0) return;
      const abs = path.join(dir, entry.name);
      // symbolic links are not followed: no cycles, and nothing outside the tree
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(here, abs, true)) continue;
        walk(abs, here);
      } else if (entry.isFile()) {
        const kind = detectKind(toPosix(abs));
        if (!kind || isIgnored(here, abs, false)) continue;
        if (kind !== "dockerignore" && isTemplate(abs)) {
          templates.push(toPosix(abs));
          continue;
        }
        found.set(abs, { path: toPosix(abs), kind });
      } else if (!entry.isSymbolicLink() && detectKind(toPosix(abs)) && !isIgnored(here, abs, false)) {
        // a FIFO or socket named like a Dockerfile: Docker could not build from it either
        const what = entry.isFIFO() ? "a FIFO (named pipe)" : entry.isSocket() ? "a socket" : "not a regular file";
        cannotRead(abs, `it is ${what}, not a regular file`);
      }
    }
  }

  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, unreadable, unsupported, templates: templates.sort() };
}

/** Bytes read to decide whether a file is a template; template markup shows up early in practice. */
const TEMPLATE_SNIFF_BYTES = 64 * 1024;

let sniffBuffer: Buffer | undefined;

/** Whether a file found in a folder walk is a template (by its name, then by its first bytes). */
function isTemplate(abs: string): boolean {
  if (isTemplateName(path.basename(abs))) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, "r");
    // one buffer for the whole walk (a new 64 KB buffer per file was most of what discovery allocated)
    sniffBuffer ??= Buffer.allocUnsafe(TEMPLATE_SNIFF_BYTES);
    const n = fs.readSync(fd, sniffBuffer, 0, sniffBuffer.length, 0);
    return hasTemplateMarkup(sniffBuffer.subarray(0, n).toString("utf8"));
  } catch {
    return false; // unreadable files are reported by the lint run
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isIgnored(scopes: readonly IgnoreScope[], abs: string, isDir: boolean): boolean {
  // a later (deeper) .gitignore can re-include what an outer one excluded, so the last verdict wins
  let ignored = false;
  for (const scope of scopes) {
    const rel = toPosix(path.relative(scope.dir, abs));
    if (rel === "" || rel.startsWith("..")) continue;
    const r = scope.rules.test(isDir ? `${rel}/` : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

function readGitignore(dir: string): IgnoreScope | undefined {
  const file = path.join(dir, ".gitignore");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

/** The .gitignore files of the folders above `dir`, up to the repository root (the folder holding `.git`). */
function ancestorScopes(dir: string): IgnoreScope[] {
  if (fs.existsSync(path.join(dir, ".git"))) return [];
  const chain: string[] = [];
  let root: string | undefined;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, ".git"))) {
      root = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  // outside a repository only the walked tree's own .gitignore files count
  if (root === undefined) return [];
  return chain.map(readGitignore).filter((s): s is IgnoreScope => s !== undefined);
}
