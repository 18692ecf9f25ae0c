import { normalize } from "../engine/paths";
import type { WorkspaceFs } from "../engine/types";
import { overlayFs } from "../engine/workspace";

/**
 * The workspace a lint run sees: open editors (unsaved text wins) over the disk, recording every path
 * the rules looked at, so a change to any of them can re-lint this document.
 */
export function recordingFs(base: WorkspaceFs, open: ReadonlyMap<string, string>): { fs: WorkspaceFs; touched: Set<string> } {
  const touched = new Set<string>();
  const inner = overlayFs(base, open);
  const note = (p: string) => touched.add(normalize(p));
  return {
    touched,
    fs: {
      readFile: (p) => (note(p), inner.readFile(p)),
      exists: (p) => (note(p), inner.exists(p)),
      isDirectory: (p) => inner.isDirectory(p),
      readDir: (p) => {
        // a new file in a folder a rule listed (a compose override, an .env) changes its answer
        note(p);
        return inner.readDir(p);
      },
    },
  };
}
