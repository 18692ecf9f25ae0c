/**
 * The build context of a Dockerfile, read through the workspace the engine was given (never the disk directly, so
 * this works in the browser too): which files a COPY or ADD can bring in, with `.dockerignore` applied by the one
 * matcher (`DockerignoreModel`). One place decides which ignore file applies and whether the context is known.
 *
 * The context is the Dockerfile's folder, the way `docker build .` beside it and most compose files use it. It only
 * counts as known when the workspace has that folder and the Dockerfile agrees with it: every plain path it copies
 * from the context exists there, and at least one such path (or an ignore file) shows the folder was meant as a
 * context. A Dockerfile whose sources are elsewhere (built with a context of `../..`), one read from standard input
 * or without a workspace has an unknown context, and everything that depends on it stays unknown.
 */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import { DockerignoreModel } from "../model/dockerignore";
import { copyPaths } from "./copyArgs";
import { dirname, join, normalize } from "../paths";
import type { WorkspaceFs } from "../types";

/**
 * What a rule that asks about the build context declares in `meta.reads` (what the editor watches): the manifests
 * and lockfiles whose presence decides those rules. Whether a path is in the context is learnt from folder listings
 * (`readDir`), not by reading files; a new file of another name is seen at the next lint of the Dockerfile.
 */
export const BUILD_CONTEXT_READS = [
  "uv.lock",
  "poetry.lock",
  "pyproject.toml",
  "requirements*.txt",
  "package.json",
  "package-lock.json",
  "go.mod",
  "go.sum",
  "Cargo.toml",
  "Cargo.lock",
  "Gemfile",
  "Gemfile.lock",
  "composer.json",
  "composer.lock",
];

/** A file name of `BUILD_CONTEXT_READS` (the files whose text the context rules may read). */
export function isContextManifest(name: string): boolean {
  return /^(uv\.lock|poetry\.lock|pyproject\.toml|requirements.*\.txt|package(-lock)?\.json|go\.(mod|sum)|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock))$/.test(
    name,
  );
}

export interface BuildContext {
  /** Absolute folder of the build context. */
  dir: string;
  fs: WorkspaceFs;
  /** The ignore file that applies (`<Dockerfile>.dockerignore` beside the Dockerfile wins over `.dockerignore`). */
  ignore: DockerignoreModel | undefined;
}

/** Whether a context path reaches the builder: it exists and the ignore file keeps it. */
export type ContextPresence = "yes" | "no" | "maybe";

/** The ignore file BuildKit applies to a build of `dockerfilePath` with context `dir`. */
export function contextIgnoreFile(fs: WorkspaceFs, dockerfilePath: string, dir: string): DockerignoreModel | undefined {
  const own = `${dockerfilePath}.dockerignore`;
  const ownText = fs.readFile(own);
  if (ownText !== undefined) return new DockerignoreModel(own, ownText);
  const shared = join(dir, ".dockerignore");
  const text = fs.readFile(shared);
  return text === undefined ? undefined : new DockerignoreModel(shared, text);
}

/** A context of a known folder (the start check names it from a compose file or a command line). */
export function buildContextAt(fs: WorkspaceFs, dockerfilePath: string, dir: string): BuildContext {
  return { dir, fs, ignore: contextIgnoreFile(fs, dockerfilePath, dir) };
}

const cache = new WeakMap<DockerfileModel, { ctx: BuildContext | undefined }>();

/** The Dockerfile's build context when the workspace shows it (see the module comment), else undefined. */
export function buildContextOf(model: DockerfileModel): BuildContext | undefined {
  const hit = cache.get(model);
  if (hit) return hit.ctx;
  const ctx = readContext(model);
  cache.set(model, { ctx });
  return ctx;
}

/** Bounds the sources checked against the workspace (each is one `exists` call). */
const MAX_SOURCES = 200;

function readContext(model: DockerfileModel): BuildContext | undefined {
  const fs = model.workspace;
  if (!fs) return undefined;
  const dir = dirname(model.path);
  if (!fs.isDirectory(dir)) return undefined;
  const ctx = buildContextAt(fs, model.path, dir);
  let named = ctx.ignore !== undefined;
  let checked = 0;
  for (const ins of model.instructions) {
    for (const src of contextSources(model, ins)) {
      if (++checked > MAX_SOURCES) return undefined;
      if (src.includes("$") || /[*?[]/.test(src)) continue;
      const rel = contextRelative(src);
      if (rel === "") continue;
      // a source that is not there: the Dockerfile is built with another context (or fails; either way, unknown)
      if (!listed(fs, dir, rel)) return undefined;
      named = true;
    }
  }
  return named ? ctx : undefined;
}

/** Sources a COPY or ADD takes from the build context (not `--from`, URLs or git sources). */
export function contextSources(model: DockerfileModel, ins: DockerInstruction): string[] {
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return [];
  if (model.flag(ins, "from")) return [];
  const args = copyPaths(ins)?.sources ?? [];
  return args.filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith("git@"));
}

/** A source as a path relative to the context root (`./src/` -> `src`, `/app.py` -> `app.py`, `.` -> ``). */
export function contextRelative(src: string): string {
  const n = normalize(`/${src}`).replace(/^\/+/, "").replace(/\/+$/, "");
  return n === "." ? "" : n;
}

/**
 * Whether `rel` (relative to the context root) reaches the builder: `yes` when it exists and is not excluded,
 * `no` when it is missing or excluded, `maybe` without a known context.
 */
export function contextPresence(ctx: BuildContext | undefined, rel: string): ContextPresence {
  if (!ctx) return "maybe";
  const clean = contextRelative(rel);
  if (clean === "") return "yes";
  if (!listed(ctx.fs, ctx.dir, clean)) return "no";
  return ctx.ignore?.excludes(clean) ? "no" : "yes";
}

/** Whether a context path is a folder (undefined without a known context or when it does not exist). */
export function contextIsDir(ctx: BuildContext | undefined, rel: string): boolean | undefined {
  if (!ctx) return undefined;
  const clean = contextRelative(rel);
  if (clean === "") return true;
  if (!listed(ctx.fs, ctx.dir, clean)) return undefined;
  return ctx.fs.isDirectory(join(ctx.dir, clean));
}

/** Bounds the folder depth of a looked-up path. */
const MAX_DEPTH = 32;

/** Whether `rel` exists under `dir`, learnt from the listings of the folders on its way (one per segment). */
function listed(fs: WorkspaceFs, dir: string, rel: string): boolean {
  const parts = rel.split("/").filter((p) => p !== "");
  if (parts.length > MAX_DEPTH) return false;
  let at = dir;
  for (const part of parts) {
    if (!fs.readDir(at).includes(part)) return false;
    at = join(at, part);
  }
  return true;
}

/** Names directly inside a context folder that reach the builder (ignore file applied). */
export function contextList(ctx: BuildContext, rel: string): string[] {
  const clean = contextRelative(rel);
  const abs = clean === "" ? ctx.dir : join(ctx.dir, clean);
  return ctx.fs.readDir(abs).filter((n) => !ctx.ignore?.excludes(clean === "" ? n : `${clean}/${n}`));
}
