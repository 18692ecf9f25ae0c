/**
 * What compose rules read next to the compose files: the Dockerfiles services build, `.env.example`,
 * `.gitignore`. Everything goes through the project's WorkspaceFs (the server records what was read, to re-lint on change).
 */
import ignore from "ignore";
import { isMap, isScalar } from "yaml";
import { DockerfileModel, type Stage } from "../model/dockerfile";
import { scalarText, type ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { dirname, join, relative, resolvePath } from "../paths";
import { LineIndex, type Range } from "../text";
import type { FileChange } from "../types";

export interface BuildInfo {
  file: ComposeFileModel;
  /** Absolute folder of the build context; undefined for remote (git/URL) contexts. */
  contextDir: string | undefined;
  contextRange: Range;
  dockerfilePath: string | undefined;
  dockerfileRange: Range | undefined;
  /** `dockerfile_inline` is used. */
  inline: boolean;
  target: string | undefined;
  targetRange: Range | undefined;
}

const REMOTE = /^([a-z]+:\/\/|git@|github\.com\/)/i;

/** The merged `build:` of a service, resolved against the file that declares it. */
export function buildInfo(project: ComposeProject, name: string): BuildInfo | undefined {
  const v = project.value(name, "build");
  if (!v) return undefined;
  const file = v.file;
  const base = dirname(file.path);
  if (isScalar(v.value)) {
    const ctx = scalarText(v.value) ?? ".";
    const remote = REMOTE.test(ctx) || ctx.includes("$");
    const contextDir = remote ? undefined : resolvePath(base, ctx);
    return {
      file,
      contextDir,
      contextRange: file.rangeOf(v.value),
      dockerfilePath: contextDir ? join(contextDir, "Dockerfile") : undefined,
      dockerfileRange: undefined,
      inline: false,
      target: undefined,
      targetRange: undefined,
    };
  }
  if (!isMap(v.value)) return undefined;
  const map = v.value;
  const ctxNode = file.get(map, "context");
  const ctx = scalarText(ctxNode) ?? ".";
  const remote = REMOTE.test(ctx) || ctx.includes("$");
  const contextDir = remote ? undefined : resolvePath(base, ctx);
  const dfNode = file.get(map, "dockerfile");
  const df = scalarText(dfNode);
  const targetNode = file.get(map, "target");
  return {
    file,
    contextDir,
    contextRange: file.rangeOf(ctxNode ?? v.pair.key),
    dockerfilePath: contextDir && !(df ?? "").includes("$") ? resolvePath(contextDir, df ?? "Dockerfile") : undefined,
    dockerfileRange: dfNode ? file.rangeOf(dfNode) : undefined,
    inline: file.get(map, "dockerfile_inline") !== undefined,
    target: scalarText(targetNode),
    targetRange: targetNode ? file.rangeOf(targetNode) : undefined,
  };
}

const dockerfiles = new WeakMap<ComposeProject, Map<string, DockerfileModel | undefined>>();

export function readDockerfile(project: ComposeProject, path: string): DockerfileModel | undefined {
  let cache = dockerfiles.get(project);
  if (!cache) {
    cache = new Map();
    dockerfiles.set(project, cache);
  }
  if (cache.has(path)) return cache.get(path);
  const text = project.fs.readFile(path);
  const model = text === undefined || text.length > 2_000_000 ? undefined : new DockerfileModel(path, text);
  cache.set(path, model);
  return model;
}

/** The stage a service runs: `build.target`, else the last stage. */
export function builtStage(project: ComposeProject, name: string): { model: DockerfileModel; stage: Stage } | undefined {
  const b = buildInfo(project, name);
  if (!b?.dockerfilePath || b.inline) return undefined;
  const model = readDockerfile(project, b.dockerfilePath);
  if (!model || model.stages.length === 0) return undefined;
  const stage = b.target ? model.stageByName(b.target) : model.stages[model.stages.length - 1];
  return stage ? { model, stage } : undefined;
}

/** HEALTHCHECK in the stage a service builds (or its parents); `NONE` counts as none. */
export function dockerfileHasHealthcheck(project: ComposeProject, name: string): boolean {
  const built = builtStage(project, name);
  if (!built) return false;
  for (const st of built.model.lineage(built.stage)) {
    const hcs = built.model.instructionsOf(st, "HEALTHCHECK");
    const last = hcs[hcs.length - 1];
    if (last) return !/^\s*NONE\b/i.test(last.argsText);
  }
  return false;
}

/** The service has a healthcheck: in compose (merged, not disabled) or in the Dockerfile it builds. */
export function serviceHasHealthcheck(project: ComposeProject, name: string): boolean {
  if (project.healthcheck(name)) return true;
  if (project.healthcheckDisabled(name)) return false;
  return dockerfileHasHealthcheck(project, name);
}

// ---------------------------------------------------------------- .env.example

const texts = new WeakMap<ComposeProject, Map<string, string | undefined>>();

/** A neighbour's text, read once per project (rules ask for `.env.example` and `.gitignore` once per finding). */
export function readText(project: ComposeProject, path: string): string | undefined {
  let cache = texts.get(project);
  if (!cache) {
    cache = new Map();
    texts.set(project, cache);
  }
  if (cache.has(path)) return cache.get(path);
  const text = project.fs.readFile(path);
  cache.set(path, text);
  return text;
}

export function envExamplePath(project: ComposeProject): string {
  return join(project.dir, ".env.example");
}

/** Variable names listed in `.env.example` (undefined when the file does not exist). */
export function envExampleNames(project: ComposeProject): Set<string> | undefined {
  const text = readText(project, envExamplePath(project));
  if (text === undefined) return undefined;
  return parseEnvNames(text);
}

export function parseEnvNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

/** Adds `NAME=` lines to `.env.example` (creating it) for the names it does not list yet. */
export function envExampleChange(project: ComposeProject, names: readonly string[]): FileChange | undefined {
  const path = envExamplePath(project);
  const text = readText(project, path);
  const have = text === undefined ? new Set<string>() : parseEnvNames(text);
  const add = [...new Set(names)].filter((n) => !have.has(n));
  if (add.length === 0) return undefined;
  const lines = add.map((n) => `${n}=`).join("\n") + "\n";
  if (text === undefined) {
    return { path, create: `# Variables the compose files need; copy to .env and fill in the values (never commit .env).\n${lines}` };
  }
  const idx = new LineIndex(text);
  const end = idx.positionAt(text.length);
  return { path, edits: [{ range: { start: end, end }, newText: (text === "" || text.endsWith("\n") ? "" : "\n") + lines }] };
}

// ---------------------------------------------------------------- .gitignore

/** True when `path` is ignored by a `.gitignore` in its folder or above (up to the repository root). */
export function isGitIgnored(project: ComposeProject, path: string): boolean {
  let dir = dirname(path);
  for (let i = 0; i < 32; i++) {
    const text = readText(project, join(dir, ".gitignore"));
    if (text !== undefined) {
      const rel = relative(dir, path);
      if (!rel.startsWith("..") && ignore().add(text).ignores(rel)) return true;
    }
    if (project.fs.exists(join(dir, ".git")) || dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  return false;
}
