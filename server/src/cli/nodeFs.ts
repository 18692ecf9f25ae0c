import * as fs from "node:fs";
import type { WorkspaceFs } from "../engine/types";

/** Files larger than this are not read for neighbour lookups (the linter skips big files anyway). */
const MAX_NEIGHBOUR_BYTES = 8 * 1024 * 1024;

/** The real disk as the engine sees it. Paths are absolute with POSIX separators. */
export const nodeFs: WorkspaceFs = {
  // most neighbours asked for do not exist: no exception for those (a thrown ENOENT costs more than the stat)
  readFile(path) {
    try {
      const stat = fs.statSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > MAX_NEIGHBOUR_BYTES) return undefined;
      return decodeText(fs.readFileSync(path)).text;
    } catch {
      return undefined;
    }
  },
  exists(path) {
    return fs.existsSync(path);
  },
  isDirectory(path) {
    try {
      return fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  },
  readDir(path) {
    try {
      return fs.readdirSync(path).sort();
    } catch {
      return [];
    }
  },
};

/**
 * `base` answering each question once: one lint run reads a neighbour (a .dockerignore, a folder listing, the
 * compose files of a project) once however many files ask. Only for a run that writes nothing meanwhile.
 */
export function cachedFs(base: WorkspaceFs): WorkspaceFs {
  const files = new Map<string, string | undefined>();
  const exists = new Map<string, boolean>();
  const dirs = new Map<string, boolean>();
  const listings = new Map<string, string[]>();
  const once = <T>(cache: Map<string, T>, key: string, get: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = get();
    cache.set(key, value);
    return value;
  };
  return {
    readFile: (p) => once(files, p, () => base.readFile(p)),
    exists: (p) => once(exists, p, () => base.exists(p)),
    isDirectory: (p) => once(dirs, p, () => base.isDirectory(p)),
    // a copy: callers may sort or change what they get
    readDir: (p) => once(listings, p, () => base.readDir(p)).slice(),
  };
}

/** UTF-8 text without a byte-order mark (editors hide it too, so columns match). */
export function decodeText(bytes: Buffer): { text: string; bom: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: bytes.toString("utf8", bom ? 3 : 0), bom };
}

/** Converts a native path to the engine's POSIX form. */
export function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}
