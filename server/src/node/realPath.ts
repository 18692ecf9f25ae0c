import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, normalize } from "../engine/paths";

/** The path with the symlinks of its longest existing prefix resolved (the rest cannot be a link yet). */
export function realPath(path: string): string {
  let existing = normalize(path);
  const rest: string[] = [];
  for (let hops = 0; hops < 4096 && !existsSync(existing); hops++) {
    const parent = dirname(existing);
    if (parent === existing) return normalize(path);
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing).replace(/\\/g, "/"), ...rest);
  } catch {
    return normalize(path);
  }
}
