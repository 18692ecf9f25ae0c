import { basename, dirname, normalize } from "./paths";
import type { WorkspaceFs } from "./types";

/** A workspace with no files: rules that need neighbours simply find none. */
export const emptyFs: WorkspaceFs = {
  readFile: () => undefined,
  exists: () => false,
  isDirectory: () => false,
  readDir: () => [],
};

/** An in-memory workspace (tests, the web, and overlays of unsaved editors). Keys are absolute POSIX paths. */
export function memoryFs(files: Record<string, string>): WorkspaceFs {
  const map = new Map(Object.entries(files).map(([k, v]) => [normalize(k), v]));
  const dirs = new Set<string>();
  for (const p of map.keys()) {
    for (let d = dirname(p); ; d = dirname(d)) {
      dirs.add(d);
      if (d === "/" || d === "." || d === dirname(d)) break;
    }
  }
  return {
    readFile: (p) => map.get(normalize(p)),
    exists: (p) => map.has(normalize(p)) || dirs.has(normalize(p)),
    isDirectory: (p) => dirs.has(normalize(p)),
    readDir: (p) => {
      const d = normalize(p);
      const out = new Set<string>();
      for (const f of [...map.keys(), ...dirs]) {
        if (f !== d && dirname(f) === d) out.add(basename(f));
      }
      return [...out].sort();
    },
  };
}

/** Open editors over the disk: unsaved text wins. */
export function overlayFs(base: WorkspaceFs, open: ReadonlyMap<string, string>): WorkspaceFs {
  return {
    readFile: (p) => open.get(normalize(p)) ?? base.readFile(p),
    exists: (p) => open.has(normalize(p)) || base.exists(p),
    isDirectory: (p) => base.isDirectory(p),
    readDir: (p) => {
      const names = new Set(base.readDir(p));
      for (const k of open.keys()) if (dirname(k) === normalize(p)) names.add(basename(k));
      return [...names].sort();
    },
  };
}
