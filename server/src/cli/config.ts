import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_FILE_NAMES, parseConfig, type ShipshapeConfig } from "../engine/config";
import { migrateFromPeers } from "../engine/migrate";
import { allRules } from "../engine/rules";

export interface LoadedConfig {
  config: ShipshapeConfig;
  /** The file it came from; undefined when none was found. */
  file: string | undefined;
  /** No `.shipshape.json`: the config was translated from these hadolint/dclint files. */
  migratedFrom?: string[];
}

export class UsageError extends Error {}

/**
 * `--config FILE`, or the first `.shipshape.json` found from `cwd` upwards, stopping at the repository root.
 * Anything wrong with the file is a usage error: a typo must not silently lint with defaults.
 */
export function loadConfig(cwd: string, explicit: string | undefined): LoadedConfig {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findConfig(cwd);
  if (file === undefined) {
    const migration = migrateFromPeers(path.resolve(cwd), readIfFile, repositoryRoot(cwd));
    return migration ? { config: migration.config, file: undefined, migratedFrom: migration.sources } : { config: {}, file: undefined };
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the config file ${explicit ?? file}`);
  }
  const { config, problems } = parseConfig(text.replace(/^\uFEFF/, ""));
  const known = new Set(allRules.map((r) => r.meta.id));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) problems.push(`${id}: no such rule (see \`shipshape rules\`)`);
  }
  if (problems.length) {
    const where = path.relative(cwd, file) || file;
    throw new UsageError(`invalid config ${where}:\n  ${problems.join("\n  ")}`);
  }
  return { config, file };
}

function findConfig(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (fs.existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) return undefined;
  }
}

/** The folder holding `.git` above `cwd`, if any: config lookups stop there. */
export function repositoryRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readIfFile(p: string): string | undefined {
  try {
    return fs.statSync(p).isFile() ? fs.readFileSync(p, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
