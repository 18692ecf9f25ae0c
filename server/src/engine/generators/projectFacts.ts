/**
 * What a generator needs to know about a project, read from its files through the engine's
 * WorkspaceFs (so the CLI, the editor and the tests all read the same way). Pure: no disk access.
 */
import { basename, join } from "../paths";
import type { WorkspaceFs } from "../types";
import { parseToml, tomlString, tomlStrings, tomlTable, type TomlTable } from "./toml";

export type PackageManager = "uv" | "poetry" | "pip" | "npm" | "pnpm" | "yarn";
export type Framework = "fastapi" | "flask" | "django" | "streamlit" | "dagster" | "script" | "node";

export interface ProjectFacts {
  /** Absolute folder of the project (POSIX). */
  root: string;
  /** Project name as the manifest says (or the folder name). */
  name: string;
  /** `name` made safe for compose service names, image names and Makefile targets. */
  slug: string;
  /** Project version from the manifest, when given. */
  version: string | undefined;
  platform: "python" | "node";
  packageManager: PackageManager;
  /** The lockfile, relative to root (`uv.lock`, `poetry.lock`, `package-lock.json` …); undefined when none. */
  lockfile: string | undefined;
  /** Files copied before the dependency install (manifests and lockfile), relative to root. */
  manifests: string[];
  /** Extra files the build backend needs next to the manifest (`README.md` named in pyproject). */
  buildFiles: string[];
  /** Whether pyproject declares a build system (uv/poetry then install the project itself). */
  isPackage: boolean;
  /** `3.13`-style Python version (python platform). */
  pythonVersion: string;
  /** Where the Python version came from (`.python-version`, `requires-python`, or `default`). */
  pythonVersionSource: string;
  /** Major Node version (node platform). */
  nodeVersion: string;
  framework: Framework;
  /** `src/` layout: the package lives under src/. */
  srcLayout: boolean;
  /** Top-level folders or files that hold the application source, relative to root (`src`, `app`, `main.py`). */
  sourcePaths: string[];
  /**
   * The entry point: for ASGI/WSGI apps `module:object` (`shop.main:app`), for Streamlit and scripts a file
   * (`app.py`), for Django the WSGI module (`mysite.wsgi`), for Dagster the definitions module, for Node the
   * start file.
   */
  entry: string;
  /** The source file the entry point lives in, relative to root, when found. */
  entryFile: string | undefined;
  /** The module with the project's Dagster definitions (`pkg.definitions`); undefined when the project has none. */
  dagsterModule: string | undefined;
  /** Port the service listens on. */
  port: number;
  /** HTTP path a health probe can use (from the code when it has a health route). */
  healthPath: string;
  /** True when `healthPath` was found in the code (false: the framework's default was assumed). */
  healthPathFound: boolean;
  /** Versions pinned by the lockfile, by package name (lower case). */
  lockedVersions: Map<string, string>;
  /** Node: `npm run build` exists. */
  hasBuildScript: boolean;
  /** Node with a build script: the folder the build writes (`dist`), which the runtime needs instead of the source. */
  buildOutput: string | undefined;
  /** Runtime dependency names (lower case, `_` as `-`). */
  dependencies: string[];
  /** A dependency manifest was found (pyproject.toml, requirements*.txt, setup.py or package.json). */
  hasManifest: boolean;
  /** A `Dockerfile` exists in the project folder already. */
  hasDockerfile: boolean;
  /** Node: a `dev` script exists. */
  hasDevScript: boolean;
  /** pip: a development requirements file (`requirements-dev.txt`), when there is one. */
  devRequirements: string | undefined;
  /** Alembic migrations: `alembic.ini` at the root and the scripts folder it names; undefined when not used. */
  alembic: { config: string; scripts: string } | undefined;
  /** The project's justfile (`justfile`, `Justfile`, `.justfile`), when it uses just. */
  justfile: string | undefined;
}

/** `alembic.ini` at the root with a `script_location` folder that exists. */
function alembicOf(read: (rel: string) => string | undefined, isDir: (rel: string) => boolean): ProjectFacts["alembic"] {
  const ini = read("alembic.ini");
  if (ini === undefined) return undefined;
  const m = /^\s*script_location\s*=\s*(?:%\(here\)s\/)?([\w./-]+)\s*$/m.exec(ini);
  const scripts = (m?.[1] ?? "alembic").replace(/^\.\//, "").replace(/\/+$/, "");
  if (scripts === "" || scripts.startsWith("..") || !isDir(scripts)) return undefined;
  return { config: "alembic.ini", scripts };
}

function justfileOf(has: (rel: string) => boolean): string | undefined {
  return ["justfile", "Justfile", ".justfile"].find((n) => has(n));
}

const SKIP_DIRS = new Set([
  ".git",
  ".venv",
  "venv",
  "node_modules",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  "dist",
  "build",
  "tests",
  "test",
  "docs",
]);

const DEFAULT_PORTS: Record<Framework, number> = {
  fastapi: 8000,
  flask: 8000,
  django: 8000,
  streamlit: 8501,
  dagster: 4000,
  script: 8000,
  node: 3000,
};

/**
 * The framework knowledge the generators rely on (default health paths). The Dockerfile rules keep the
 * same table in `analysis/python.ts`; this one stays small and only covers what a generator writes.
 */
const DEFAULT_HEALTH_PATH: Record<Framework, string> = {
  fastapi: "/health",
  flask: "/health",
  django: "/health",
  streamlit: "/_stcore/health",
  dagster: "",
  script: "/health",
  node: "/health",
};

export const DEFAULT_PYTHON_VERSION = "3.13";
export const DEFAULT_NODE_VERSION = "22";

export function readProjectFacts(fs: WorkspaceFs, root: string): ProjectFacts {
  const read = (rel: string) => fs.readFile(join(root, rel));
  const has = (rel: string) => fs.exists(join(root, rel));
  const pyprojectText = read("pyproject.toml");
  const packageJsonText = read("package.json");
  const requirements = fs
    .readDir(root)
    .filter((n) => /^requirements.*\.txt$/.test(n))
    .sort((a, b) => (a === "requirements.txt" ? -1 : b === "requirements.txt" ? 1 : a.localeCompare(b)));
  const isPython = pyprojectText !== undefined || requirements.length > 0 || has("setup.py") || has("manage.py");
  const isNode = !isPython && packageJsonText !== undefined;

  if (isNode) return readNodeFacts(fs, root, packageJsonText as string);

  const tables = pyprojectText ? parseToml(pyprojectText) : [];
  const project = tomlTable(tables, "project");
  const poetry = tomlTable(tables, "tool.poetry");
  const name = tomlString(project?.values.get("name")) ?? tomlString(poetry?.values.get("name")) ?? basename(root);
  const version = tomlString(project?.values.get("version")) ?? tomlString(poetry?.values.get("version"));

  let packageManager: PackageManager;
  let lockfile: string | undefined;
  if (has("uv.lock")) {
    packageManager = "uv";
    lockfile = "uv.lock";
  } else if (has("poetry.lock") || poetry) {
    packageManager = "poetry";
    lockfile = has("poetry.lock") ? "poetry.lock" : undefined;
  } else if (requirements.length > 0 && !project) {
    packageManager = "pip";
  } else if (pyprojectText !== undefined) {
    packageManager = "uv";
  } else {
    packageManager = "pip";
  }
  const manifests =
    packageManager === "pip"
      ? requirements.filter((r) => !/dev|test|lint|doc/i.test(r)).slice(0, 1)
      : ["pyproject.toml", ...(lockfile ? [lockfile] : [])];
  if (packageManager === "pip" && manifests.length === 0) manifests.push(requirements[0] ?? "requirements.txt");

  const readme = tomlString(project?.values.get("readme")) ?? tomlString(poetry?.values.get("readme"));
  const isPackage = tomlTable(tables, "build-system") !== undefined;
  const buildFiles = readme && isPackage && packageManager !== "pip" && has(readme) ? [readme] : [];

  const { version: pythonVersion, source: pythonVersionSource } = pythonVersionOf(fs, root, project, tables);

  const dependencies = [
    ...tomlStrings(project?.values.get("dependencies")),
    ...[...(tomlTable(tables, "tool.poetry.dependencies")?.values.keys() ?? [])],
    ...requirements.flatMap((r) => (read(r) ?? "").split(/\r?\n/)),
  ]
    .map((d) => /^\s*([A-Za-z0-9_.-]+)/.exec(d)?.[1]?.toLowerCase().replace(/_/g, "-"))
    .filter((d): d is string => d !== undefined);
  const depSet = new Set(dependencies);

  const pyFiles = listPythonFiles(fs, root);
  // `src/` holding packages is a src layout; `src/__init__.py` makes src itself the package (`src.main:app`)
  const srcIsPackage = has("src/__init__.py");
  const srcLayout = !srcIsPackage && fs.isDirectory(join(root, "src")) && pyFiles.some((f) => f.startsWith("src/"));
  const framework = detectFramework(depSet, pyFiles, read, has);
  const moduleOf = (f: string) => moduleOfFile(f, srcLayout);
  const entryInfo = findEntry(framework, pyFiles, read, tables, srcLayout, name, moduleOf);
  const dagster =
    depSet.has("dagster") || depSet.has("dagster-webserver") || framework === "dagster"
      ? findDagsterModule(pyFiles, read, tables, moduleOf)
      : undefined;
  const alembic = alembicOf(read, (rel) => fs.isDirectory(join(root, rel)));
  // the migrations run from the image: its config and scripts are copied with the source
  const sourcePaths = sourcePathsOf(fs, root, pyFiles, srcLayout, entryInfo.file);
  if (alembic)
    for (const p of [alembic.config, alembic.scripts.split("/")[0] as string])
      if (!sourcePaths.includes(p) && !sourcePaths.includes(".")) sourcePaths.push(p);
  sourcePaths.sort();

  const envPort = portFromEnvFiles(read);
  const codePort = entryInfo.file ? portFromCode(read(entryInfo.file) ?? "") : undefined;
  const port = framework === "dagster" ? DEFAULT_PORTS.dagster : (codePort ?? envPort ?? DEFAULT_PORTS[framework]);

  const health = findHealthPath(framework, pyFiles, read);

  return {
    root,
    name,
    slug: slugOf(name),
    version,
    platform: "python",
    packageManager,
    lockfile,
    manifests,
    buildFiles,
    isPackage,
    pythonVersion,
    pythonVersionSource,
    nodeVersion: DEFAULT_NODE_VERSION,
    framework,
    srcLayout,
    sourcePaths,
    entry: entryInfo.entry,
    entryFile: entryInfo.file,
    dagsterModule: dagster?.entry,
    port,
    healthPath: health.path,
    healthPathFound: health.found,
    lockedVersions: lockedVersionsOf(lockfile ? read(lockfile) : undefined, requirements.map(read)),
    hasBuildScript: false,
    buildOutput: undefined,
    dependencies: [...depSet].sort(),
    hasManifest: pyprojectText !== undefined || requirements.length > 0 || has("setup.py"),
    hasDockerfile: has("Dockerfile"),
    hasDevScript: false,
    devRequirements: requirements.find((r) => /dev/i.test(r)),
    alembic,
    justfile: justfileOf(has),
  };
}

export function slugOf(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "app" : s;
}

/** The import name of a distribution name (`my-shop` -> `my_shop`). */
export function moduleNameOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "app"
  );
}

function pythonVersionOf(
  fs: WorkspaceFs,
  root: string,
  project: TomlTable | undefined,
  tables: TomlTable[],
): { version: string; source: string } {
  const pinned = fs.readFile(join(root, ".python-version"));
  const fromPin = pinned ? /(\d+)\.(\d+)/.exec(pinned.split(/\r?\n/)[0] ?? "") : null;
  if (fromPin) return { version: `${fromPin[1]}.${fromPin[2]}`, source: ".python-version" };
  const requires =
    tomlString(project?.values.get("requires-python")) ?? tomlString(tomlTable(tables, "tool.poetry.dependencies")?.values.get("python"));
  if (requires) {
    // the lowest version the project accepts is the one it is known to work on
    const lower = /(?:>=|\^|~=|~|==)\s*(\d+)\.(\d+)/.exec(requires) ?? /(\d+)\.(\d+)/.exec(requires);
    if (lower) return { version: `${lower[1]}.${lower[2]}`, source: "requires-python" };
  }
  return { version: DEFAULT_PYTHON_VERSION, source: "default" };
}

/** Python files up to three folders deep, relative to root, skipping virtualenvs, tests and caches. */
function listPythonFiles(fs: WorkspaceFs, root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (out.length > 2000) return;
    for (const entry of fs.readDir(rel === "" ? root : join(root, rel))) {
      if (entry.startsWith(".") || SKIP_DIRS.has(entry)) continue;
      const child = rel === "" ? entry : `${rel}/${entry}`;
      if (entry.endsWith(".py")) out.push(child);
      else if (depth < 3 && fs.isDirectory(join(root, child))) walk(child, depth + 1);
    }
  };
  walk("", 0);
  return out.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

function detectFramework(
  deps: Set<string>,
  pyFiles: string[],
  read: (rel: string) => string | undefined,
  has: (rel: string) => boolean,
): Framework {
  // a web framework wins over Dagster: a repository with both gets an app image, and `init dagster` the Dagster stack
  if (deps.has("django") || has("manage.py")) return "django";
  if (deps.has("streamlit")) return "streamlit";
  if (deps.has("fastapi")) return "fastapi";
  if (deps.has("flask")) return "flask";
  if (deps.has("dagster") || deps.has("dagster-webserver")) return "dagster";
  // no manifest names it: look at the imports of the top-level files
  for (const f of pyFiles.slice(0, 50)) {
    const text = read(f) ?? "";
    if (/^\s*(from|import)\s+dagster\b/m.test(text)) return "dagster";
    if (/^\s*(from|import)\s+fastapi\b/m.test(text)) return "fastapi";
    if (/^\s*(from|import)\s+flask\b/m.test(text)) return "flask";
    if (/^\s*(from|import)\s+streamlit\b/m.test(text)) return "streamlit";
  }
  return "script";
}

/** `path/to/mod.py` -> `path.to.mod` (minus a leading `src/` in a src layout, where src/ is on the import path). */
function moduleOfFile(file: string, srcLayout = true): string {
  return (srcLayout ? file.replace(/^src\//, "") : file)
    .replace(/\.py$/, "")
    .replace(/\/__init__$/, "")
    .replace(/\//g, ".");
}

function findEntry(
  framework: Framework,
  pyFiles: string[],
  read: (rel: string) => string | undefined,
  tables: TomlTable[],
  srcLayout: boolean,
  name: string,
  moduleOfFile: (f: string) => string,
): { entry: string; file: string | undefined } {
  const preferred = (names: string[]) =>
    [...pyFiles].sort((a, b) => rankFile(a, names) - rankFile(b, names) || a.split("/").length - b.split("/").length);
  const firstMatch = (re: RegExp, names: string[]) => {
    for (const f of preferred(names).slice(0, 200)) {
      const m = re.exec(read(f) ?? "");
      if (m) return { file: f, match: m };
    }
    return undefined;
  };
  switch (framework) {
    case "fastapi": {
      const hit = firstMatch(/^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=\n]*)?=\s*FastAPI\s*\(/m, ["main.py", "app.py", "api.py"]);
      if (hit) return { entry: `${moduleOfFile(hit.file)}:${hit.match[1]}`, file: hit.file };
      return { entry: `${srcLayout ? moduleNameOf(name) + "." : ""}main:app`, file: undefined };
    }
    case "flask": {
      const hit =
        firstMatch(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*Flask\s*\(/m, ["app.py", "wsgi.py", "main.py"]) ??
        firstMatch(/^def\s+(create_app)\s*\(/m, ["__init__.py", "app.py"]);
      if (hit) {
        const obj = hit.match[1] === "create_app" ? "create_app()" : (hit.match[1] as string);
        return { entry: `${moduleOfFile(hit.file)}:${obj}`, file: hit.file };
      }
      return { entry: "app:app", file: undefined };
    }
    case "django": {
      const wsgi = pyFiles.find((f) => f.endsWith("/wsgi.py"));
      if (wsgi) return { entry: moduleOfFile(wsgi), file: wsgi };
      return { entry: `${moduleNameOf(name)}.wsgi`, file: undefined };
    }
    case "streamlit": {
      const hit = firstMatch(/^\s*import\s+streamlit\b|^\s*from\s+streamlit\b/m, ["streamlit_app.py", "app.py", "main.py", "Home.py"]);
      return { entry: hit?.file ?? "app.py", file: hit?.file };
    }
    case "dagster": {
      const found = findDagsterModule(pyFiles, read, tables, moduleOfFile);
      return found ?? { entry: `${moduleNameOf(name)}.definitions`, file: undefined };
    }
    default: {
      // a console script the package installs: run it by name
      const scripts = tomlTable(tables, "project.scripts") ?? tomlTable(tables, "tool.poetry.scripts");
      const [scriptName, target] = scripts ? ([...scripts.values.entries()][0] ?? []) : [];
      const first = tomlString(target);
      if (scriptName && first && tomlTable(tables, "build-system")) {
        const mod = first.split(":")[0] as string;
        return { entry: scriptName, file: pyFiles.find((f) => moduleOfFile(f) === mod) };
      }
      const main = preferred(["main.py", "app.py", "__main__.py", "run.py"])[0];
      return { entry: main ?? "main.py", file: main };
    }
  }
}

/** The module holding the project's Dagster `Definitions` (from `[tool.dagster]` or the code); undefined when none. */
function findDagsterModule(
  pyFiles: string[],
  read: (rel: string) => string | undefined,
  tables: TomlTable[],
  moduleOfFile: (f: string) => string,
): { entry: string; file: string | undefined } | undefined {
  const dagsterTable = tomlTable(tables, "tool.dagster") ?? tomlTable(tables, "tool.dg.project");
  const configured = tomlString(dagsterTable?.values.get("module_name")) ?? tomlString(dagsterTable?.values.get("root_module"));
  if (configured) {
    const file = pyFiles.find((f) => moduleOfFile(f) === configured || moduleOfFile(f) === `${configured}.definitions`);
    return { entry: configured, file };
  }
  const ranked = [...pyFiles].sort(
    (a, b) =>
      rankFile(a, ["definitions.py", "__init__.py", "repository.py"]) - rankFile(b, ["definitions.py", "__init__.py", "repository.py"]),
  );
  for (const f of ranked.slice(0, 200)) if (/\bDefinitions\s*\(/.test(read(f) ?? "")) return { entry: moduleOfFile(f), file: f };
  return undefined;
}

function rankFile(file: string, names: string[]): number {
  const i = names.indexOf(basename(file));
  return i < 0 ? names.length : i;
}

function sourcePathsOf(fs: WorkspaceFs, root: string, pyFiles: string[], srcLayout: boolean, entryFile: string | undefined): string[] {
  if (srcLayout) return ["src"];
  const tops = new Set<string>();
  for (const f of pyFiles) {
    const top = f.split("/")[0] as string;
    if (top.endsWith(".py") && /^(setup|conftest|noxfile|tasks)\.py$/.test(top)) continue;
    tops.add(fs.isDirectory(join(root, top)) ? top : top);
  }
  if (entryFile) tops.add(entryFile.split("/")[0] as string);
  for (const extra of ["templates", "static", "config"]) if (fs.isDirectory(join(root, extra))) tops.add(extra);
  const out = [...tops].sort();
  return out.length > 0 ? out : ["."];
}

function portFromCode(text: string): number | undefined {
  const m = /\bport\s*=\s*(\d{2,5})\b/.exec(text) ?? /--port[= ](\d{2,5})\b/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return n > 0 && n < 65536 ? n : undefined;
}

function portFromEnvFiles(read: (rel: string) => string | undefined): number | undefined {
  for (const f of [".env.example", ".env.sample", ".env"]) {
    const m = /^\s*(?:APP_)?PORT\s*=\s*"?(\d{2,5})"?\s*$/m.exec(read(f) ?? "");
    if (m) return Number(m[1]);
  }
  return undefined;
}

function findHealthPath(
  framework: Framework,
  pyFiles: string[],
  read: (rel: string) => string | undefined,
): { path: string; found: boolean } {
  if (framework === "streamlit" || framework === "dagster") return { path: DEFAULT_HEALTH_PATH[framework], found: true };
  for (const f of pyFiles.slice(0, 200)) {
    const m = /["'](\/(?:api\/)?(?:health|healthz|healthcheck|ping|livez|readyz)\/?)["']/.exec(read(f) ?? "");
    if (m) return { path: m[1] as string, found: true };
  }
  return { path: DEFAULT_HEALTH_PATH[framework], found: false };
}

function lockedVersionsOf(lock: string | undefined, requirementTexts: (string | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  if (lock) {
    // uv.lock and poetry.lock: [[package]] tables with name and version
    for (const t of parseToml(lock)) {
      if (t.name !== "package") continue;
      const n = tomlString(t.values.get("name"));
      const v = tomlString(t.values.get("version"));
      if (n && v) out.set(n.toLowerCase(), v);
    }
  }
  for (const text of requirementTexts) {
    for (const line of (text ?? "").split(/\r?\n/)) {
      const m = /^\s*([A-Za-z0-9_.-]+)\s*==\s*([A-Za-z0-9_.+-]+)/.exec(line);
      if (m) out.set((m[1] as string).toLowerCase().replace(/_/g, "-"), m[2] as string);
    }
  }
  return out;
}

function readNodeFacts(fs: WorkspaceFs, root: string, packageJsonText: string): ProjectFacts {
  const has = (rel: string) => fs.exists(join(root, rel));
  let pkg: {
    name?: unknown;
    version?: unknown;
    main?: unknown;
    scripts?: Record<string, unknown>;
    engines?: { node?: unknown };
    packageManager?: unknown;
  } = {};
  try {
    const parsed: unknown = JSON.parse(packageJsonText);
    if (parsed && typeof parsed === "object") pkg = parsed as typeof pkg;
  } catch {
    // an unreadable package.json: fall back to defaults
  }
  const name = typeof pkg.name === "string" ? pkg.name.replace(/^@[^/]+\//, "") : basename(root);
  const declared = typeof pkg.packageManager === "string" ? pkg.packageManager : "";
  let packageManager: PackageManager = "npm";
  let lockfile: string | undefined;
  if (has("pnpm-lock.yaml") || declared.startsWith("pnpm")) {
    packageManager = "pnpm";
    lockfile = has("pnpm-lock.yaml") ? "pnpm-lock.yaml" : undefined;
  } else if (has("yarn.lock") || declared.startsWith("yarn")) {
    packageManager = "yarn";
    lockfile = has("yarn.lock") ? "yarn.lock" : undefined;
  } else if (has("package-lock.json")) {
    lockfile = "package-lock.json";
  } else if (has("npm-shrinkwrap.json")) {
    lockfile = "npm-shrinkwrap.json";
  }
  const scripts = pkg.scripts ?? {};
  const start = typeof scripts.start === "string" ? scripts.start : "";
  const fromStart = /\bnode\s+(?:--[a-z-]+\s+)*([^\s&|;]+\.[cm]?js)\b/.exec(start)?.[1];
  const main = typeof pkg.main === "string" ? pkg.main : undefined;
  const candidates = [fromStart, main, "server.js", "index.js", "src/index.js", "src/server.js", "app.js"].filter(
    (c): c is string => c !== undefined,
  );
  const entry = candidates.find((c) => has(c)) ?? fromStart ?? main ?? "index.js";
  const engines = typeof pkg.engines?.node === "string" ? /(\d+)/.exec(pkg.engines.node)?.[1] : undefined;
  const nvm = fs.readFile(join(root, ".nvmrc")) ?? fs.readFile(join(root, ".node-version"));
  const nodeVersion = (nvm ? /(\d+)/.exec(nvm)?.[1] : undefined) ?? engines ?? DEFAULT_NODE_VERSION;
  // the start file, or (when it is build output) the sources it is built from
  const entryText = [
    entry,
    "src/index.ts",
    "src/server.ts",
    "src/main.ts",
    "src/app.ts",
    "src/index.js",
    "src/server.js",
    "server.js",
    "index.js",
  ]
    .map((f) => fs.readFile(join(root, f)))
    .filter((t): t is string => t !== undefined)
    .join("\n");
  const port =
    Number(/PORT\s*(?:\|\||\?\?)\s*(\d{2,5})/.exec(entryText)?.[1] ?? NaN) ||
    Number(/listen\(\s*(\d{2,5})/.exec(entryText)?.[1] ?? NaN) ||
    portFromEnvFiles((rel) => fs.readFile(join(root, rel))) ||
    DEFAULT_PORTS.node;
  const health = /["'](\/(?:api\/)?(?:health|healthz|ping|livez|readyz))["']/.exec(entryText)?.[1];
  const sourcePaths = fs
    .readDir(root)
    .filter(
      (n) =>
        !n.startsWith(".") &&
        !SKIP_DIRS.has(n) &&
        !/^(package(-lock)?\.json|pnpm-lock\.yaml|yarn\.lock|Dockerfile.*|compose.*|.*\.md)$/i.test(n),
    )
    .sort();
  return {
    root,
    name,
    slug: slugOf(name),
    version: typeof pkg.version === "string" ? pkg.version : undefined,
    platform: "node",
    packageManager,
    lockfile,
    manifests: ["package.json", ...(lockfile ? [lockfile] : [])],
    buildFiles: [],
    isPackage: false,
    pythonVersion: DEFAULT_PYTHON_VERSION,
    pythonVersionSource: "default",
    nodeVersion,
    framework: "node",
    srcLayout: fs.isDirectory(join(root, "src")),
    sourcePaths: sourcePaths.length > 0 ? sourcePaths : ["."],
    entry,
    entryFile: has(entry) ? entry : undefined,
    dagsterModule: undefined,
    port,
    healthPath: health ?? "/health",
    healthPathFound: health !== undefined,
    lockedVersions: new Map(),
    hasBuildScript: typeof scripts.build === "string",
    buildOutput:
      typeof scripts.build === "string" ? (!has(entry) && entry.includes("/") ? (entry.split("/")[0] as string) : "dist") : undefined,
    dependencies: Object.keys((pkg as { dependencies?: Record<string, unknown> }).dependencies ?? {}).sort(),
    hasManifest: true,
    hasDockerfile: has("Dockerfile"),
    hasDevScript: typeof scripts.dev === "string",
    devRequirements: undefined,
    alembic: undefined,
    justfile: justfileOf(has),
  };
}

/** Services the recipes define themselves: the app's service takes another name. */
const RECIPE_SERVICES = ["postgres", "pgadmin", "redis", "frontend", "traefik", "nginx", "prometheus", "grafana", "migrate"];

/**
 * The app's compose service: named after the project, as in the compose.yml that "Generate hardened Dockerfile"
 * writes, so layering the recipes over that file (when the user keeps it instead of the recipes' base) merges into
 * one service instead of starting the app twice on one port.
 */
export function appServiceName(facts: ProjectFacts): string {
  return RECIPE_SERVICES.includes(facts.slug) ? "api" : facts.slug;
}
