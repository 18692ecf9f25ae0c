import * as fs from "node:fs";
import * as path from "node:path";
import { optionProblems, parseConfig, type ShipshapeConfig } from "../engine/config";
import { findConfigFile, type ConfigFile } from "../engine/configLookup";
import { dirname } from "../engine/paths";
import { allRules } from "../engine/rules";
import { cachedFs, nodeFs, toPosix } from "./nodeFs";

export interface LoadedConfig {
  /** The configuration of one file: `--config FILE` for every file, else the file's nearest config file. */
  configFor(file: string): ShipshapeConfig;
  /** The configuration of the working folder (its `failureThreshold` applies to the run). */
  config: ShipshapeConfig;
  /** `--config FILE`, or the config file that applies to the working folder; undefined when none. */
  file: string | undefined;
  /** No `.shipshape.json` for the working folder: its config was translated from these hadolint/dclint files. */
  migratedFrom?: string[];
}

export class UsageError extends Error {}

/**
 * `--config FILE` for every file, or per file the nearest `.shipshape.json` from the file's folder up to the
 * repository root (or, without one, its hadolint/dclint configs translated): the lookup the editor makes
 * (engine/configLookup.ts), so a nested config applies wherever the CLI runs. Anything wrong with a config file
 * that applies is a usage error: a typo must not silently lint with defaults. The config of the working folder is
 * checked even when no file is linted.
 */
export function loadConfig(cwd: string, explicit: string | undefined): LoadedConfig {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new UsageError(`cannot read the config file ${explicit}`);
    }
    const config = checked(cwd, { path: toPosix(file), ...parseConfig(text.replace(/^\uFEFF/, "")) });
    return { configFor: () => config, config, file };
  }
  const byFolder = new Map<string, ShipshapeConfig>();
  // every folder's lookup walks up to the repository root: the folders above are asked once per run
  const disk = cachedFs(nodeFs);
  const configOfFolder = (dir: string): ShipshapeConfig => {
    let config = byFolder.get(dir);
    if (!config) {
      const found = findConfigFile(`${dir}/-`, disk);
      config = found ? checked(cwd, found) : {};
      byFolder.set(dir, config);
    }
    return config;
  };
  const here = toPosix(path.resolve(cwd));
  const config = configOfFolder(here);
  const own = findConfigFile(`${here}/-`, disk);
  return {
    configFor: (file) => configOfFolder(dirname(toPosix(path.resolve(cwd, file)))),
    config,
    file: own?.migratedFrom ? undefined : own?.path,
    ...(own?.migratedFrom ? { migratedFrom: own.migratedFrom } : {}),
  };
}

function checked(cwd: string, file: ConfigFile): ShipshapeConfig {
  const problems = [...file.problems];
  const known = new Set(allRules.map((r) => r.meta.id));
  for (const id of Object.keys(file.config.rules ?? {})) {
    if (!known.has(id)) problems.push(`${id}: no such rule (see \`shipshape rules\`)`);
  }
  problems.push(...optionProblems(file.config, allRules));
  if (problems.length) {
    const where = path.relative(cwd, file.path) || file.path;
    throw new UsageError(`invalid config ${where}:\n  ${problems.join("\n  ")}`);
  }
  return file.config;
}

/** The folder holding `.git` above `cwd`, if any: config lookups stop there. */
export function repositoryRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
