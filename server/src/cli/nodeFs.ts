import * as fs from "node:fs";
import type { WorkspaceFs } from "../engine/types";

/** Files larger than this are not read for neighbour lookups (the linter skips big files anyway). */
const MAX_NEIGHBOUR_BYTES = 8 * 1024 * 1024;

/** The real disk as the engine sees it. Paths are absolute with POSIX separators. */
export const nodeFs: WorkspaceFs = {
  readFile(path) {
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > MAX_NEIGHBOUR_BYTES) return undefined;
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
      return fs.statSync(path).isDirectory();
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

/** UTF-8 text without a byte-order mark (editors hide it too, so columns match). */
export function decodeText(bytes: Buffer): { text: string; bom: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: bytes.toString("utf8", bom ? 3 : 0), bom };
}

/** Converts a native path to the engine's POSIX form. */
export function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}
