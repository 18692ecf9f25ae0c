/**
 * The final image of a Dockerfile, simulated without a Docker engine: the files each stage holds (COPY and ADD
 * from the build context with `.dockerignore` applied, `COPY --from` of earlier stages, and what known tools
 * write: `uv sync`, `poetry install`, `pip install`, `python -m venv`, `npm ci`, `mkdir`), its environment,
 * WORKDIR and user. A RUN whose effect on files the simulation does not know makes absent paths "maybe", never
 * "missing". Build steps that certainly fail (a COPY source that is not in the context, `uv sync --frozen`
 * without `uv.lock`, a project whose package folder is not there when it is installed) are recorded as problems.
 */
import { copyArgs, propertiesOf } from "../analysis/dockerfileFacts";
import { parseToml, tomlString, tomlStrings, tomlTable, type TomlTable } from "../generators/toml";
import type { DockerfileModel, DockerInstruction, Stage } from "../model/dockerfile";
import type { ImageRef } from "../model/imageRef";
import { contextIgnoreFile } from "../analysis/buildContext";
import type { ShellCommand } from "../model/shell";
import { basename, join } from "../paths";
import type { Range } from "../text";
import type { WorkspaceFs } from "../types";
import { IMPLIED_PACKAGES, importNameOf, runtimeFacts, CONSOLE_SCRIPTS, type PythonRuntime, type RuntimeFacts } from "./runtimes";
import { joinAbs, Tree } from "./tree";

/** A Python environment the simulation created: a virtualenv, or the system site-packages of the image. */
export interface PythonEnv {
  /** Virtualenv root; undefined for the system environment. */
  root: string | undefined;
  /** The site-packages folder. */
  site: string;
  /** The interpreter the virtualenv links to (the stage's base Python when it was made). */
  runtime: PythonRuntime | undefined;
  /** Distributions certainly installed (lower case). */
  packages: Set<string>;
  /** Distributions that may be installed too (a lockfile's other packages); "any" when unknown. */
  maybe: Set<string> | "any";
  /** Folders an editable install puts on sys.path (`.pth` files). */
  pathEntries: string[];
  /** A site-packages folder copied without its interpreter (found only through PYTHONPATH; `.pth` files are then ignored). */
  bare?: boolean;
}

export interface BuildProblem {
  /** What kind of step fails (lint rules pick the kinds they can state precisely). */
  kind: "copy-from" | "copy-context" | "lockfile" | "project-source" | "readme" | "manifest";
  ins: DockerInstruction;
  range: Range;
  message: string;
}

export interface StageImage {
  stage: Stage;
  /** The external image the stage's lineage starts from. */
  base: ImageRef;
  tree: Tree;
  env: Map<string, string>;
  workdir: string;
  user: string | undefined;
  /** Users created by useradd/adduser in the lineage. */
  createdUsers: Set<string>;
  runtime: RuntimeFacts;
  pythonEnvs: PythonEnv[];
  /** RUN commands whose effect on files is unknown (so a missing path is only "maybe" missing). */
  unknownEffects: string[];
  entrypoint: DockerInstruction | undefined;
  cmd: DockerInstruction | undefined;
  healthcheck: DockerInstruction | undefined;
  expose: { port: number; ins: DockerInstruction }[];
  /** The stage has ONBUILD triggers (they run in stages built on it). */
  onbuild?: boolean;
}

export interface BuildContext {
  /** Absolute folder of the build context. */
  dir: string;
  fs: WorkspaceFs;
  /**
   * Which files' text to read (by base name); the others are known to exist, with unknown text. Lint rules pass
   * the names they declare in `meta.reads`, so the editor knows what to watch; default: every file.
   */
  readText?: (name: string) => boolean;
  /** At most this many files are read (default MAX_CONTEXT_FILES); past it the tree is truncated (absent paths "maybe"). */
  maxFiles?: number;
}

/** Commands that change no file the checks look at. */
const NO_FILE_EFFECT =
  /^(groupadd|useradd|adduser|addgroup|usermod|chown|chmod|echo|true|set|export|apt-get|apt|apk|dnf|yum|microdnf|corepack|printf|test|\[|ls|cat|id|whoami|update-ca-certificates|ldconfig|sleep|find|sed)$/;

const MAX_CONTEXT_FILES = 5_000;

/** Folders a Linux base image brings (FHS): their contents are not modelled, so absent paths there are "maybe". */
const BASE_SYSTEM_DIRS = [
  "/usr",
  "/etc",
  "/opt",
  "/var",
  "/lib",
  "/lib64",
  "/bin",
  "/sbin",
  "/root",
  "/home",
  "/tmp",
  "/run",
  "/srv",
  "/nodejs",
];

/** The build context's files as a tree under `/`, with `.dockerignore` applied. */
export function contextTree(ctx: BuildContext, dockerfilePath: string): Tree {
  const tree = new Tree();
  const ignore = contextIgnoreFile(ctx.fs, dockerfilePath, ctx.dir);
  let count = 0;
  const walk = (rel: string, depth: number) => {
    if (depth > 12) return;
    for (const name of ctx.fs.readDir(rel === "" ? ctx.dir : join(ctx.dir, rel))) {
      if (count >= (ctx.maxFiles ?? MAX_CONTEXT_FILES)) {
        tree.truncated = true;
        return;
      }
      const child = rel === "" ? name : `${rel}/${name}`;
      const abs = join(ctx.dir, child);
      const isDir = ctx.fs.isDirectory(abs);
      // an excluded folder may still hold re-included files (`!dir/keep`): only skip it when no exception exists
      if (ignore?.excludes(child) && !(isDir && ignore.patterns.some((p) => p.negated))) continue;
      if (isDir) {
        tree.mkdir(`/${child}`);
        walk(child, depth + 1);
      } else if (!ignore?.excludes(child)) {
        count++;
        tree.writeFile(`/${child}`, !ctx.readText || ctx.readText(name) ? ctx.fs.readFile(abs) : undefined);
      }
    }
  };
  walk("", 0);
  return tree;
}

function unknownContext(): Tree {
  const t = new Tree();
  t.get("/")!.opaque = true;
  return t;
}

/** What expansion reads of an environment: one name at a time. */
interface EnvLookup {
  get(name: string): string | undefined;
}

function expand(text: string, env: EnvLookup): string | undefined {
  let unknown = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, dflt, bare) => {
    const v = env.get((braced ?? bare) as string);
    if (v !== undefined && v !== "") return v;
    if (dflt !== undefined) return dflt as string;
    if (v === undefined) unknown = true;
    return "";
  });
  return unknown ? undefined : out;
}

function stripQuotes(s: string): string {
  return s.replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
}

/** Glob match for COPY sources (`*`, `?`, `[...]` within one path segment). */
function segmentMatches(pattern: string, name: string): boolean {
  let re = "^";
  for (const c of pattern) re += c === "*" ? "[^/]*" : c === "?" ? "[^/]" : /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  try {
    return new RegExp(re + "$").test(name);
  } catch {
    return false;
  }
}

/** Context paths a COPY source names (wildcards expanded). */
function matchSources(tree: Tree, source: string): string[] {
  const abs = joinAbs("/", source);
  if (!/[*?[]/.test(abs)) return tree.get(abs) ? [abs] : [];
  let current = ["/"];
  for (const seg of abs.split("/").filter((s) => s !== "")) {
    const next: string[] = [];
    for (const dir of current) {
      if (!/[*?[]/.test(seg)) {
        const p = joinAbs(dir, seg);
        if (tree.get(p)) next.push(p);
      } else for (const n of tree.list(dir)) if (segmentMatches(seg, n)) next.push(joinAbs(dir, n));
    }
    current = next;
  }
  return current;
}

interface Pyproject {
  tables: TomlTable[];
  name: string | undefined;
  dependencies: string[];
  devDependencies: string[];
  isPackage: boolean;
  readme: string | undefined;
  poetry: boolean;
  /** Console scripts the project declares (`[project.scripts]`, `[tool.poetry.scripts]`). */
  scripts: string[];
  /** Poetry `packages = [{ include = "x", from = "src" }]`. */
  poetryPackages: { include: string; from: string | undefined }[];
}

function readPyproject(text: string): Pyproject {
  const tables = parseToml(text);
  const project = tomlTable(tables, "project");
  const poetry = tomlTable(tables, "tool.poetry");
  const depName = (d: string) => /^\s*([A-Za-z0-9_.-]+(\[[^\]]*\])?)/.exec(d)?.[1]?.toLowerCase().replace(/_/g, "-");
  const deps = [
    ...tomlStrings(project?.values.get("dependencies")),
    ...[...(tomlTable(tables, "tool.poetry.dependencies")?.values.keys() ?? [])].filter((k) => k !== "python"),
  ];
  const devDeps = [
    ...tomlStrings(tomlTable(tables, "dependency-groups")?.values.get("dev")),
    ...[...(tomlTable(tables, "tool.poetry.group.dev.dependencies")?.values.keys() ?? [])],
    ...[...(tomlTable(tables, "tool.poetry.dev-dependencies")?.values.keys() ?? [])],
  ];
  // `uvicorn = { version = "^0.32", extras = ["standard"] }`: the extras of an inline table
  const extras = (value: string | undefined): string[] => {
    const m = /\bextras\s*=\s*\[([^\]]*)\]/.exec(value ?? "");
    return m ? [...(m[1] as string).matchAll(/"([^"]+)"/g)].map((x) => x[1] as string) : [];
  };
  const poetryDeps = tomlTable(tables, "tool.poetry.dependencies");
  const withExtras = deps.map((d) => {
    const name = depName(d);
    if (!name || name.includes("[")) return name;
    const ex = poetryDeps?.values.has(d) ? extras(poetryDeps.values.get(d)) : [];
    return ex.length > 0 ? `${name}[${ex.join(",")}]` : name;
  });
  const poetryPackages: Pyproject["poetryPackages"] = [];
  for (const m of (poetry?.values.get("packages") ?? "").matchAll(/\{([^}]*)\}/g)) {
    const inc = /include\s*=\s*"([^"]+)"/.exec(m[1] as string)?.[1];
    const from = /from\s*=\s*"([^"]+)"/.exec(m[1] as string)?.[1];
    if (inc) poetryPackages.push({ include: inc, from });
  }
  return {
    tables,
    name: tomlString(project?.values.get("name")) ?? tomlString(poetry?.values.get("name")),
    dependencies: withExtras.filter((d): d is string => d !== undefined),
    devDependencies: devDeps.map(depName).filter((d): d is string => d !== undefined),
    isPackage: tomlTable(tables, "build-system") !== undefined,
    readme: tomlString(project?.values.get("readme")) ?? tomlString(poetry?.values.get("readme")),
    poetry: poetry !== undefined,
    scripts: [
      ...(tomlTable(tables, "project.scripts")?.values.keys() ?? []),
      ...(tomlTable(tables, "tool.poetry.scripts")?.values.keys() ?? []),
    ],
    poetryPackages,
  };
}

function withImplied(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n.replace(/\[.*$/, ""));
    for (const extra of (/\[([^\]]*)\]/.exec(n)?.[1] ?? "").split(",").filter(Boolean))
      for (const i of IMPLIED_PACKAGES[`${n.replace(/\[.*$/, "")}[${extra.trim()}]`] ?? []) out.add(i);
    for (const i of IMPLIED_PACKAGES[n.replace(/\[.*$/, "")] ?? []) out.add(i);
  }
  return out;
}

function lockNames(text: string | undefined): Set<string> | "any" {
  if (text === undefined) return "any";
  const out = new Set<string>();
  for (const t of parseToml(text)) {
    if (t.name !== "package") continue;
    const n = tomlString(t.values.get("name"));
    if (n) out.add(n.toLowerCase());
  }
  return out;
}

/** Where an installed project's modules are found: `src/` for a src layout, else the project folder. */
function projectImportRoot(tree: Tree, dir: string, py: Pyproject): string {
  const fromSrc = py.poetryPackages.find((p) => p.from !== undefined);
  if (fromSrc) return joinAbs(dir, fromSrc.from as string);
  if (py.poetryPackages.length > 0) return dir;
  const src = joinAbs(dir, "src");
  if (tree.isDir(src) && !tree.get(joinAbs(src, "__init__.py"))) return src;
  return dir;
}

/** The package folder a build backend ships for the project, when it can be named; undefined when not knowable. */
function projectPackagePaths(dir: string, py: Pyproject): string[][] | undefined {
  if (py.poetryPackages.length > 0) return py.poetryPackages.map((p) => [joinAbs(joinAbs(dir, p.from ?? "."), p.include)]);
  if (!py.name) return undefined;
  const mod = importNameOf(py.name);
  // hatchling's default: src/<name>, <name>, or a single <name>.py
  return [[joinAbs(dir, `src/${mod}`), joinAbs(dir, mod), joinAbs(dir, `${mod}.py`), joinAbs(dir, `src/${mod}.py`)]];
}

function sitePathFor(root: string, runtime: PythonRuntime | undefined): string {
  return `${root}/lib/python${runtime?.version ?? "3"}/site-packages`;
}

function makeVenv(state: StageImage, root: string): PythonEnv {
  const existing = state.pythonEnvs.find((e) => e.root === root);
  if (existing) return existing;
  const env: PythonEnv = {
    root,
    site: sitePathFor(root, state.runtime.python),
    runtime: state.runtime.python,
    packages: new Set(),
    maybe: new Set(),
    pathEntries: [],
  };
  state.tree.mkdir(`${root}/bin`);
  state.tree.writeFile(`${root}/bin/python`);
  state.tree.writeFile(`${root}/bin/python3`);
  state.tree.writeFile(`${root}/pyvenv.cfg`);
  state.tree.mkdir(env.site);
  state.pythonEnvs.push(env);
  return env;
}

function systemEnv(state: StageImage): PythonEnv {
  const existing = state.pythonEnvs.find((e) => e.root === undefined && !e.bare);
  if (existing) return existing;
  const site = state.runtime.python?.site ?? "/usr/local/lib/python3/site-packages";
  const env: PythonEnv = { root: undefined, site, runtime: state.runtime.python, packages: new Set(), maybe: "any", pathEntries: [] };
  state.pythonEnvs.push(env);
  return env;
}

function install(state: StageImage, env: PythonEnv, names: Iterable<string>, maybe?: Set<string> | "any"): void {
  const binDir = env.root ? `${env.root}/bin` : "/usr/local/bin";
  for (const n of withImplied(names)) {
    env.packages.add(n);
    state.tree.mkdir(joinAbs(env.site, importNameOf(n)));
    state.tree.writeFile(joinAbs(env.site, `${importNameOf(n)}/__init__.py`), "");
    for (const s of CONSOLE_SCRIPTS[n] ?? []) state.tree.writeFile(`${binDir}/${s}`);
  }
  if (maybe === "any") env.maybe = "any";
  else if (maybe && env.maybe !== "any") for (const n of maybe) env.maybe.add(n);
}

function installProject(
  state: StageImage,
  env: PythonEnv,
  dir: string,
  py: Pyproject,
  ins: DockerInstruction,
  range: Range,
  problems: BuildProblem[],
  tool: string,
): void {
  if (!py.isPackage) return;
  const readme = py.readme ? joinAbs(dir, py.readme) : undefined;
  if (readme && state.tree.presence(readme) === "no" && state.unknownEffects.length === 0)
    problems.push({
      kind: "readme",
      ins,
      range,
      message: `${tool} builds the project, and its pyproject.toml names ${py.readme} as readme, which is not in ${dir} at this point`,
    });
  const candidates = projectPackagePaths(dir, py);
  if (candidates && state.unknownEffects.length === 0) {
    for (const alternatives of candidates) {
      const states = alternatives.map((p) => state.tree.presence(p));
      if (states.every((s) => s === "no"))
        problems.push({
          kind: "project-source",
          ins,
          range,
          message: `${tool} installs the project ${py.name ?? ""} here, but none of ${alternatives.join(", ")} exists yet (copy the source before this step)`,
        });
    }
  }
  env.pathEntries.push(projectImportRoot(state.tree, dir, py));
  if (py.name) env.packages.add(py.name.toLowerCase());
  const binDir = env.root ? `${env.root}/bin` : "/usr/local/bin";
  for (const s of py.scripts) state.tree.writeFile(`${binDir}/${s}`);
}

/** The Python environment `pip`/`python` resolve to in this state: the first PATH folder that holds one. */
function activeEnv(state: StageImage): PythonEnv {
  const path = (state.env.get("PATH") ?? state.runtime.path).split(":");
  for (const dir of path) {
    const venv = state.pythonEnvs.find((e) => e.root !== undefined && `${e.root}/bin` === dir);
    if (venv) return venv;
  }
  return systemEnv(state);
}

function argValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

function applyRun(model: DockerfileModel, state: StageImage, ins: DockerInstruction, problems: BuildProblem[]): void {
  const cmds: ShellCommand[] = model.shellCommands(ins);
  let cwd = state.workdir;
  const range = ins.range;
  // the RUN's own assignments over the stage's ENV (a copy of the whole ENV per RUN grew with both)
  const own = new Map<string, string>();
  const localEnv = {
    get: (name: string) => (own.has(name) ? own.get(name) : state.env.get(name)),
    set: (name: string, value: string) => own.set(name, value),
  };
  for (const cmd of cmds) {
    const words = cmd.words.map((w) => w.value);
    for (const a of cmd.assignments) {
      const eq = a.value.indexOf("=");
      if (eq > 0) localEnv.set(a.value.slice(0, eq), a.value.slice(eq + 1));
    }
    const prog = basename(words[0] ?? "");
    const args = words.slice(1);
    const at = (p: string) => joinAbs(cwd, expand(p, localEnv) ?? p);
    if (prog === "" || prog === "exec") continue;
    if (prog === "cd") {
      if (args[0] && !args[0].includes("$")) cwd = at(args[0]);
      continue;
    }
    if (prog === "mkdir" || (prog === "install" && args.includes("-d"))) {
      for (const a of args.filter((x) => !x.startsWith("-")))
        if ((!/^[0-7]{3,4}$/.test(a) && !/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$/i.test(a)) || a.includes("/")) state.tree.mkdir(at(a));
      continue;
    }
    if (prog === "rm") {
      if (args.some((a) => /^-[a-zA-Z]*[rR]/.test(a)))
        for (const a of args.filter((x) => !x.startsWith("-"))) if (!/[*?$]/.test(a)) state.tree.remove(at(a));
      continue;
    }
    if (prog === "poetry" && args[0] === "config" && args[1] === "virtualenvs.create") {
      localEnv.set("POETRY_VIRTUALENVS_CREATE", args[2] ?? "true");
      state.env.set("POETRY_VIRTUALENVS_CREATE", args[2] ?? "true");
      continue;
    }
    if (prog === "poetry" && args[0] === "config" && args[1] === "virtualenvs.in-project") {
      state.env.set("POETRY_VIRTUALENVS_IN_PROJECT", args[2] ?? "true");
      localEnv.set("POETRY_VIRTUALENVS_IN_PROJECT", args[2] ?? "true");
      continue;
    }
    if (prog === "uv" && (args[0] === "venv" || (args[0] === "sync" && true))) {
      if (args[0] === "venv") {
        const target = args.slice(1).find((a) => !a.startsWith("-"));
        makeVenv(state, target ? at(target) : at(localEnv.get("UV_PROJECT_ENVIRONMENT") ?? ".venv"));
        continue;
      }
      // uv sync
      const projectDir = argValue(args, ["--project", "--directory"]);
      const dir = projectDir ? at(projectDir) : cwd;
      const found = state.tree.get(joinAbs(dir, "pyproject.toml"));
      const pyText = found?.kind === "file" && found.text !== undefined ? found : undefined;
      if (!pyText) {
        if (state.tree.presence(joinAbs(dir, "pyproject.toml")) === "no" && state.unknownEffects.length === 0)
          problems.push({ kind: "manifest", ins, range, message: `uv sync runs in ${dir}, which has no pyproject.toml at this point` });
        state.unknownEffects.push("uv sync");
        continue;
      }
      if (
        (args.includes("--frozen") || args.includes("--locked")) &&
        state.tree.presence(joinAbs(dir, "uv.lock")) === "no" &&
        state.unknownEffects.length === 0
      )
        problems.push({
          kind: "lockfile",
          ins,
          range,
          message: `uv sync ${args.includes("--frozen") ? "--frozen" : "--locked"} needs ${joinAbs(dir, "uv.lock")}, which is not there`,
        });
      const py = readPyproject(pyText.text ?? "");
      const venvDir = localEnv.get("UV_PROJECT_ENVIRONMENT");
      const env = makeVenv(state, venvDir ? joinAbs(dir, venvDir) : joinAbs(dir, ".venv"));
      const names = [...py.dependencies, ...(args.includes("--no-dev") || args.includes("--only-group") ? [] : py.devDependencies)];
      install(state, env, names, lockNames(state.tree.get(joinAbs(dir, "uv.lock"))?.text));
      if (!args.includes("--no-install-project") && !args.includes("--only-group"))
        installProject(state, env, dir, py, ins, range, problems, "uv sync");
      continue;
    }
    if (prog === "uv" && args[0] === "pip" && args[1] === "install") {
      const python = argValue(args, ["--python", "-p"]);
      const target = python
        ? state.pythonEnvs.find((e) => e.root !== undefined && joinAbs(cwd, python).startsWith(e.root + "/"))
        : activeEnv(state);
      const env = target ?? (args.includes("--system") ? systemEnv(state) : undefined);
      if (!env) {
        state.unknownEffects.push("uv pip install");
        continue;
      }
      pipInstall(state, env, args.slice(2), cwd, ins, range, problems);
      continue;
    }
    if (/^python[0-9.]*$/.test(prog) && args[0] === "-m" && args[1] === "venv") {
      const target = args
        .slice(2)
        .filter((a) => !a.startsWith("-"))
        .pop();
      if (target) makeVenv(state, at(target));
      continue;
    }
    if (/^pip[0-9.]*$/.test(prog) || (/^python[0-9.]*$/.test(prog) && args[0] === "-m" && args[1] === "pip")) {
      const rest = /^pip/.test(prog) ? args : args.slice(2);
      if (rest[0] !== "install") continue;
      const target = argValue(rest, ["--target", "-t", "--prefix"]);
      if (target) {
        state.tree.mkdir(at(target), true);
        continue;
      }
      pipInstall(state, activeEnv(state), rest.slice(1), cwd, ins, range, problems);
      continue;
    }
    if (prog === "poetry" && args[0] === "install") {
      const found = state.tree.get(joinAbs(cwd, "pyproject.toml"));
      const pyText = found?.kind === "file" && found.text !== undefined ? found : undefined;
      if (!pyText) {
        if (state.tree.presence(joinAbs(cwd, "pyproject.toml")) === "no" && state.unknownEffects.length === 0)
          problems.push({
            kind: "manifest",
            ins,
            range,
            message: `poetry install runs in ${cwd}, which has no pyproject.toml at this point`,
          });
        state.unknownEffects.push("poetry install");
        continue;
      }
      const py = readPyproject(pyText.text ?? "");
      const create = (localEnv.get("POETRY_VIRTUALENVS_CREATE") ?? "true").toLowerCase();
      const inProject = (localEnv.get("POETRY_VIRTUALENVS_IN_PROJECT") ?? "").toLowerCase();
      let env: PythonEnv | undefined;
      if (create === "false" || create === "0") env = systemEnv(state);
      else if (inProject === "true" || inProject === "1") env = makeVenv(state, joinAbs(cwd, ".venv"));
      else if (localEnv.get("POETRY_VIRTUALENVS_PATH"))
        env = makeVenv(state, joinAbs(cwd, `${localEnv.get("POETRY_VIRTUALENVS_PATH")}/${py.name ?? "project"}`));
      if (!env) {
        // a virtualenv under Poetry's cache folder, with a hashed name
        state.unknownEffects.push("poetry install (virtualenv in Poetry's cache)");
        continue;
      }
      const onlyMain =
        argValue(args, ["--only"]) === "main" || args.includes("--no-dev") || argValue(args, ["--without"])?.split(",").includes("dev");
      install(
        state,
        env,
        [...py.dependencies, ...(onlyMain ? [] : py.devDependencies)],
        lockNames(state.tree.get(joinAbs(cwd, "poetry.lock"))?.text),
      );
      if (!args.includes("--no-root") && !args.includes("--only-root=false"))
        installProject(state, env, cwd, py, ins, range, problems, "poetry install");
      continue;
    }
    if (
      (prog === "npm" && /^(ci|install|i)$/.test(args[0] ?? "")) ||
      (prog === "yarn" && (args.length === 0 || args[0] === "install")) ||
      (prog === "pnpm" && /^(install|i)$/.test(args[0] ?? ""))
    ) {
      state.tree.mkdir(joinAbs(cwd, "node_modules"), true);
      continue;
    }
    if ((prog === "npm" || prog === "pnpm" || prog === "yarn") && /^(prune)$/.test(args[0] ?? "")) continue;
    if (NO_FILE_EFFECT.test(prog)) continue;
    state.unknownEffects.push(words.slice(0, 3).join(" "));
  }
}

function pipInstall(
  state: StageImage,
  env: PythonEnv,
  args: string[],
  cwd: string,
  ins: DockerInstruction,
  range: Range,
  problems: BuildProblem[],
): void {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-r" || a === "--requirement" || (a.startsWith("-r") && a.length > 2)) {
      const file = a.length > 2 && a !== "--requirement" ? a.slice(2) : args[++i];
      if (!file) continue;
      const node = state.tree.get(joinAbs(cwd, file));
      if (!node) {
        if (state.tree.presence(joinAbs(cwd, file)) === "no" && state.unknownEffects.length === 0)
          problems.push({
            kind: "manifest",
            ins,
            range,
            message: `pip install -r ${file}: ${joinAbs(cwd, file)} is not in the image at this point`,
          });
        env.maybe = "any";
        continue;
      }
      for (const line of (node.text ?? "").split(/\r?\n/)) {
        const m = /^\s*([A-Za-z0-9_.-]+(\[[^\]]*\])?)/.exec(line);
        if (m && !line.trim().startsWith("-")) names.push((m[1] as string).toLowerCase().replace(/_/g, "-"));
      }
      continue;
    }
    if (a === "-e" || a === "--editable") {
      const target = args[++i];
      if (target && /^[./]/.test(target)) {
        const dir = joinAbs(cwd, target);
        const py = state.tree.get(joinAbs(dir, "pyproject.toml"));
        if (py) installProject(state, env, dir, readPyproject(py.text ?? ""), ins, range, problems, "pip install -e");
        else env.maybe = "any";
      }
      continue;
    }
    if (a.startsWith("-")) {
      if (/^--(index-url|extra-index-url|constraint|target|prefix|python|find-links)$/.test(a) || a === "-c" || a === "-i" || a === "-f")
        i++;
      continue;
    }
    if (/^[./]/.test(a)) {
      const dir = joinAbs(cwd, a);
      const py = state.tree.get(joinAbs(dir, "pyproject.toml"));
      if (py) {
        const project = readPyproject(py.text ?? "");
        install(state, env, project.dependencies);
        installProject(state, env, dir, project, ins, range, problems, "pip install");
      } else env.maybe = "any";
      continue;
    }
    const m = /^([A-Za-z0-9_.-]+(\[[^\]]*\])?)/.exec(a);
    if (m) names.push((m[1] as string).toLowerCase().replace(/_/g, "-"));
  }
  install(state, env, names);
}

/** Names an instruction's user creation commands add. */
function createdUsersOf(model: DockerfileModel, ins: DockerInstruction): string[] {
  const out: string[] = [];
  for (const cmd of model.shellCommands(ins)) {
    const words = cmd.words.map((w) => w.value);
    const prog = basename(words[0] ?? "");
    if (prog !== "useradd" && prog !== "adduser") continue;
    const positional: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as string;
      if (w.startsWith("-")) {
        if (
          /^(-[ugGdschkKeRfpP]|--(uid|gid|groups|home|home-dir|shell|comment|gecos|ingroup|key|root|password|expiredate|inactive|skel|prefix))$/.test(
            w,
          )
        )
          i++;
        continue;
      }
      positional.push(w);
    }
    const name = positional[positional.length - 1];
    if (name) out.push(name);
  }
  return out;
}

export interface SimulateOptions {
  /** Absolute path of the Dockerfile. */
  dockerfilePath: string;
  /** The build context; without it every context file may exist (nothing copied from it is known). */
  context: BuildContext | undefined;
  /** Stop at this stage (`--target`); the last stage when undefined. */
  target?: string;
  /** `--build-arg` values. */
  buildArgs?: Record<string, string>;
}

export interface Simulation {
  stages: Map<Stage, StageImage>;
  final: StageImage | undefined;
  problems: BuildProblem[];
  context: Tree;
}

export function simulate(model: DockerfileModel, options: SimulateOptions): Simulation {
  const context = options.context ? contextTree(options.context, options.dockerfilePath) : unknownContext();
  const stages = new Map<Stage, StageImage>();
  const problems: BuildProblem[] = [];
  const targetStage = options.target
    ? model.stages.find((s) => s.name?.toLowerCase() === options.target?.toLowerCase())
    : model.stages[model.stages.length - 1];
  if (!targetStage) return { stages, final: undefined, problems, context };
  for (const stage of model.stages) {
    if (stage.index > targetStage.index) break;
    const parent = stage.parent ? stages.get(stage.parent) : undefined;
    const runtime = parent ? parent.runtime : runtimeFacts(stage.image);
    const state: StageImage = parent
      ? {
          ...parent,
          stage,
          tree: parent.tree.clone(),
          env: new Map(parent.env),
          createdUsers: new Set(parent.createdUsers),
          pythonEnvs: parent.pythonEnvs.map((e) => ({
            ...e,
            packages: new Set(e.packages),
            maybe: e.maybe === "any" ? "any" : new Set(e.maybe),
            pathEntries: [...e.pathEntries],
          })),
          unknownEffects: [...parent.unknownEffects, ...(parent.onbuild ? ["ONBUILD triggers of the parent stage"] : [])],
          onbuild: false,
          expose: [...parent.expose],
        }
      : {
          stage,
          base: stage.image,
          tree: new Tree(),
          env: new Map([["PATH", runtime.path]]),
          workdir: "/",
          user: undefined,
          createdUsers: new Set(),
          runtime,
          pythonEnvs: [],
          unknownEffects: runtime.known ? [] : [`the base image ${stage.image.raw}`],
          entrypoint: undefined,
          cmd: undefined,
          healthcheck: undefined,
          expose: [],
        };
    if (!parent && !runtime.known) {
      // the base image's files are unknown: everything may exist
      state.tree.get("/")!.opaque = true;
    } else if (!parent && !stage.image.isScratch) {
      // a listed base: its system folders hold files the table does not list (only its programs are known)
      for (const dir of BASE_SYSTEM_DIRS) state.tree.mkdir(dir, "base");
    }
    const args = new Map<string, string>();
    let cmdSet = false;
    // the stage's ENV over its ARGs, read through (a merged copy per instruction made thousands of ENVs quadratic)
    const env: EnvLookup = { get: (name) => state.env.get(name) ?? args.get(name) };
    for (const ins of stage.instructions) {
      switch (ins.keyword) {
        case "ARG": {
          // every value of one instruction is expanded with the variables from before it
          const set: [string, string][] = [];
          for (const p of propertiesOf(ins)) {
            const v = options.buildArgs?.[p.name] ?? (p.hasValue ? stripQuotes(p.value) : model.globalArgDefaults.get(p.name));
            if (v !== undefined) set.push([p.name, expand(v, env) ?? v]);
          }
          for (const [name, v] of set) args.set(name, v);
          break;
        }
        case "ENV": {
          const set = propertiesOf(ins).map((p) => [p.name, expand(stripQuotes(p.value), env)] as const);
          for (const [name, v] of set) {
            if (v !== undefined) state.env.set(name, v);
            else state.env.delete(name);
          }
          break;
        }
        case "WORKDIR": {
          const w = expand(stripQuotes(ins.argsText.trim()), env);
          state.workdir = w === undefined ? state.workdir : joinAbs(state.workdir, w);
          state.tree.mkdir(state.workdir);
          break;
        }
        case "USER":
          state.user = expand(ins.argsText.trim(), env) ?? ins.argsText.trim();
          break;
        case "ENTRYPOINT":
          state.entrypoint = ins;
          // as BuildKit does: ENTRYPOINT drops an inherited CMD, not one this stage set
          if (!cmdSet) state.cmd = undefined;
          break;
        case "CMD":
          state.cmd = ins;
          cmdSet = true;
          break;
        case "HEALTHCHECK":
          state.healthcheck = ins;
          break;
        case "EXPOSE":
          for (const p of ins.argsText.split(/\s+/)) {
            const m = /^(\d+)/.exec(expand(p, env) ?? "");
            if (m) state.expose.push({ port: Number(m[1]), ins });
          }
          break;
        case "RUN":
          for (const u of createdUsersOf(model, ins)) state.createdUsers.add(u);
          applyRun(model, state, ins, problems);
          break;
        case "COPY":
        case "ADD":
          applyCopy(model, state, ins, env, stages, context, problems);
          break;
        case "ONBUILD":
          // triggers run where this stage is a base: in a `FROM <this stage>` below, their effects are unknown
          state.onbuild = true;
          break;
        default:
          break;
      }
    }
    stages.set(stage, state);
  }
  return { stages, final: stages.get(targetStage), problems, context };
}

function applyCopy(
  model: DockerfileModel,
  state: StageImage,
  ins: DockerInstruction,
  env: EnvLookup,
  stages: Map<Stage, StageImage>,
  context: Tree,
  problems: BuildProblem[],
): void {
  const c = copyArgs(ins);
  if (!c) return;
  const destRaw = expand(stripQuotes(c.dest), env);
  if (destRaw === undefined) {
    state.unknownEffects.push(`${ins.keyword} to ${c.dest}`);
    return;
  }
  const dest = joinAbs(state.workdir, destRaw);
  const intoFolder = destRaw.endsWith("/") || c.sources.length > 1 || c.sources.some((s) => /[*?[]/.test(s));
  const fromName = model.flag(ins, "from")?.getValue() ?? undefined;
  let from: Tree = context;
  let fromState: StageImage | undefined;
  let external = false;
  if (fromName !== undefined) {
    const fromStage =
      model.stages.find((s) => s.name?.toLowerCase() === fromName.toLowerCase()) ??
      (/^\d+$/.test(fromName) ? model.stages[Number(fromName)] : undefined);
    fromState = fromStage ? stages.get(fromStage) : undefined;
    if (fromState) from = fromState.tree;
    else external = true;
  }
  for (const rawSrc of c.sources) {
    const src = expand(stripQuotes(rawSrc), env);
    if (src === undefined) {
      state.unknownEffects.push(`${ins.keyword} ${rawSrc}`);
      continue;
    }
    if (ins.keyword === "ADD" && /^(https?|git):\/\/|^git@/.test(src)) {
      state.tree.writeFile(intoFolder ? joinAbs(dest, basename(src)) : dest);
      continue;
    }
    if (external) {
      // another image's files: what it holds there is not known, the named paths are taken as given
      const target = intoFolder ? joinAbs(dest, basename(src)) : dest;
      if (/\.[a-z0-9]+$|\/(s?bin)\/[^/]+$|^\/[^/]+$/.test(src)) state.tree.writeFile(target);
      else state.tree.mkdir(target, true);
      continue;
    }
    // COPY --from: paths are relative to the source stage's root; from the context, relative to the context
    const matches = matchSources(from, joinAbs("/", src));
    if (matches.length === 0) {
      const where = fromState ? `stage ${fromName}` : "the build context";
      const presence = (fromState ? fromState.tree : context).presence(joinAbs("/", src));
      const unsure = fromState ? fromState.unknownEffects.length > 0 || presence === "maybe" : presence === "maybe";
      if (!unsure)
        problems.push({
          kind: fromState ? "copy-from" : "copy-context",
          ins,
          range: ins.range,
          message: fromState
            ? `COPY --from=${fromName} ${src}: ${where} never creates ${joinAbs("/", src)}`
            : `${ins.keyword} ${src}: not in ${where}${/[*?[]/.test(src) ? " (no file matches)" : " (missing, or excluded by .dockerignore)"}`,
        });
      else state.tree.mkdir(intoFolder ? joinAbs(dest, basename(src)) : dest, true);
      continue;
    }
    for (const m of matches) {
      const node = from.get(m) as { kind: string };
      const target = node.kind === "dir" ? dest : intoFolder || state.tree.isDir(dest) ? joinAbs(dest, basename(m)) : dest;
      state.tree.copyInto(from, m, target);
      if (fromState) carryPythonEnvs(fromState, state, m, target);
    }
  }
}

/** Virtualenvs and site-packages folders inside a copied path come along, at their new place. */
function carryPythonEnvs(from: StageImage, to: StageImage, src: string, dest: string): void {
  const move = (p: string) => (p === src ? dest : p.startsWith(src + "/") ? joinAbs(dest, p.slice(src.length + 1)) : undefined);
  for (const e of from.pythonEnvs) {
    const root = e.root !== undefined ? move(e.root) : undefined;
    const site = move(e.site);
    if (root !== undefined) {
      to.pythonEnvs = to.pythonEnvs.filter((x) => x.root !== root);
      to.pythonEnvs.push({ ...e, root, site: move(e.site) as string, packages: new Set(e.packages), pathEntries: [...e.pathEntries] });
    } else if (site !== undefined && site === to.runtime.python?.site) {
      const sys = systemEnv(to);
      for (const n of e.packages) sys.packages.add(n);
      sys.pathEntries.push(...e.pathEntries);
    } else if (site !== undefined) {
      // a bare site-packages folder (distroless): packages without an interpreter of their own
      to.pythonEnvs.push({
        ...e,
        root: undefined,
        site,
        runtime: undefined,
        packages: new Set(e.packages),
        pathEntries: [...e.pathEntries],
        maybe: e.maybe,
        bare: true,
      });
    }
  }
}
