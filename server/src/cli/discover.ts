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

export interface Discovery {
  files: DiscoveredFile[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Files named on the command line that Shipshape does not lint. */
  unsupported: string[];
  /**
   * Files found in folders that are templates for a Dockerfile or compose file rather than one
   * (`Dockerfile.template`, Jinja/cookiecutter markup): not linted, since their text is not what Docker reads.
   */
  templates: string[];
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
  const missing: string[] = [];
  const unsupported: string[] = [];
  const templates: string[] = [];
  let budget = MAX_ENTRIES;

  for (const input of inputs.length ? inputs : ["."]) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isFile()) {
      const kind = detectKind(toPosix(abs));
      if (kind) found.set(abs, { path: toPosix(abs), kind });
      else unsupported.push(input);
      continue;
    }
    if (!stat.isDirectory()) continue;
    const scopes = ancestorScopes(abs);
    walk(abs, scopes);
  }

  function walk(dir: string, scopes: IgnoreScope[]): void {
    const own = readGitignore(dir);
    const here = own ? [...scopes, own] : scopes;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
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
      }
    }
  }

  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, missing, unsupported, templates: templates.sort() };
}

/** Bytes read to decide whether a file is a template; template markup shows up early in practice. */
const TEMPLATE_SNIFF_BYTES = 64 * 1024;

/** Whether a file found in a folder walk is a template (by its name, then by its first bytes). */
function isTemplate(abs: string): boolean {
  if (isTemplateName(path.basename(abs))) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, "r");
    const buf = Buffer.alloc(TEMPLATE_SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return hasTemplateMarkup(buf.subarray(0, n).toString("utf8"));
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
