/**
 * The one configuration lookup of a linted file, used by the editor, the server's commands and the CLI, so a
 * nested config applies wherever the tool is started: the nearest `.shipshape.json` (or `shipshape.config.json`)
 * from the file's folder upwards, up to the repository root (the folder holding `.git`), the innermost workspace
 * folder that holds the file, or the file system root. Without one, the nearest hadolint and dclint configs below
 * that same stop, translated (engine/migrate.ts).
 */
import { CONFIG_FILE_NAMES, parseConfig, type ShipshapeConfig } from "./config";
import { migrateFromPeers } from "./migrate";
import { dirname, join } from "./paths";
import type { WorkspaceFs } from "./types";

export interface ConfigFile {
  path: string;
  config: ShipshapeConfig;
  problems: string[];
  /** No `.shipshape.json`: translated from these hadolint/dclint config files. */
  migratedFrom?: string[];
}

/** Folders above a file that are searched at most (a deeper file than this is unusual; the loop stays bounded). */
const MAX_CONFIG_HOPS = 64;

export function findConfigFile(filePath: string, fs: WorkspaceFs, roots: readonly string[] = []): ConfigFile | undefined {
  const root = roots.filter((r) => filePath.startsWith(r.endsWith("/") ? r : r + "/")).sort((a, b) => b.length - a.length)[0];
  let stop: string | undefined;
  for (let dir = dirname(filePath), hops = 0; hops < MAX_CONFIG_HOPS; dir = dirname(dir), hops++) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      const text = fs.readFile(p);
      if (text !== undefined) return { path: p, ...parseConfig(text.replace(/^\uFEFF/, "")) };
    }
    if (dir === root || fs.exists(join(dir, ".git"))) {
      stop = dir;
      break;
    }
    if (dir === dirname(dir)) break;
  }
  const migration = migrateFromPeers(dirname(filePath), (p) => fs.readFile(p), stop);
  return migration && { path: migration.sources[0] as string, config: migration.config, problems: [], migratedFrom: migration.sources };
}
