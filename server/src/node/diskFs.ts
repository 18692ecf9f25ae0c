import { readdirSync, readFileSync, statSync } from "node:fs";
import type { WorkspaceFs } from "../engine/types";

/** Files above this size are reported as unreadable to rules (the linted file itself has its own limit). */
const MAX_NEIGHBOUR_BYTES = 2 * 1024 * 1024;

/** The real disk, read synchronously; every failure reads as "not there" so a rule can never crash on I/O. */
export const diskFs: WorkspaceFs = {
  readFile(path) {
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_NEIGHBOUR_BYTES) return undefined;
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  exists(path) {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return [];
    }
  },
};
