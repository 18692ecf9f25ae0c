/**
 * The static "does it start" check: without a Docker engine, decide from a Dockerfile (and optionally the compose
 * service that runs it) and the project tree whether the container would start. It simulates the image
 * (`image.ts`), then checks that
 *  - every build step it understands can run (COPY sources exist, `COPY --from` paths exist in their stage, the
 *    project's package is there when `uv sync`/`poetry install` installs it, `uv sync --frozen` has its lockfile);
 *  - the user exists; the command's program exists on PATH (or at its path) and a shell-form command has a shell;
 *  - a virtualenv copied from another stage links to an interpreter this image has (same Python build and version);
 *  - a Python module named to uvicorn, gunicorn, `dagster -m`/`-f`, `python -m` or a script path would be found
 *    from the image's layout, with Python's own rules (sys.path from the working directory or script folder,
 *    PYTHONPATH, the environment's site-packages and its editable-install `.pth` entries; regular packages need
 *    `__init__.py`, namespace packages are folders without one), and that the `module:attribute` attribute is
 *    bound in that module's text. Third-party packages are stand-ins named after the locked dependencies;
 *  - the healthcheck's program exists, and the ports agree: the app's listening port and host, EXPOSE, the
 *    HEALTHCHECK's URL or gRPC port, and (for a compose service) the published ports and the compose probe.
 * Each check answers pass, fail, or unknown. "fail" is only given when the facts are certain; anything that
 * depends on a base image the knowledge table does not describe, or on a RUN whose effect is not modelled, is
 * "unknown". It cannot prove that the application itself starts (its imports, configuration, a database).
 */
import { healthcheckOf, imageStateAt } from "../analysis/dockerfileFacts";
import { ComposeFileModel } from "../model/compose";
import { ComposeProject } from "../model/composeProject";
import { DockerfileModel, type DockerInstruction } from "../model/dockerfile";
import { parseShell } from "../model/shell";
import { escapeRegExp } from "../regex";
import { basename, dirname, resolvePath } from "../paths";
import type { WorkspaceFs } from "../types";
import { simulate, type BuildProblem, type PythonEnv, type Simulation, type StageImage } from "./image";
import { joinAbs, type Presence, type Tree } from "./tree";

export type CheckStatus = "pass" | "fail" | "unknown";
export type CheckId = "build" | "user" | "command" | "interpreter" | "module" | "healthcheck" | "ports";

export interface StartFinding {
  check: CheckId;
  status: CheckStatus;
  message: string;
  /** Module checks: what was looked for, and (for failures) what is missing: the module or script, or its attribute. */
  target?: {
    kind: "module" | "app" | "file";
    name: string;
    missing?: "module" | "attribute";
    /**
     * Unknown findings: the module is the project's own (its files are in the image elsewhere), it is not found on
     * the working folder or PYTHONPATH, and only the base image's site-packages, whose contents are not modelled,
     * could hold a module of that name.
     */
    onlyInstalled?: boolean;
  };
  /** The instruction the finding is about, when there is one. */
  ins?: DockerInstruction;
}

export interface StartReport {
  findings: StartFinding[];
  /** Findings with status "fail". */
  failures: StartFinding[];
  simulation: Simulation;
}

/** What a compose service changes on top of the image. */
export interface ServiceOverrides {
  name: string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  /** `healthcheck.test` as written (`["CMD", …]`, `["CMD-SHELL", "…"]` or a string). */
  healthcheck?: string[] | string;
  healthcheckDisabled?: boolean;
  /** Container ports the service publishes. */
  ports: number[];
  environment: Record<string, string>;
  /** Bind mounts of project folders: host path (absolute) -> container path. */
  binds: { host: string; target: string }[];
  /** Anonymous volumes (`- /app/.venv`): they keep the image's files at that path over a bind mount above it. */
  keeps: string[];
  workingDir?: string;
  user?: string;
}

export interface StartCheckOptions {
  dockerfilePath: string;
  text: string;
  fs: WorkspaceFs;
  /** Build context folder (default: the Dockerfile's folder). */
  context?: string;
  target?: string;
  service?: ServiceOverrides;
  /** Which context files' text to read (by base name); default: every file. */
  readText?: (name: string) => boolean;
  /** At most this many context files are read; past it, what is absent is "unknown". */
  maxContextFiles?: number;
}

const STDLIB = new Set([
  "http",
  "json",
  "venv",
  "pip",
  "ensurepip",
  "unittest",
  "pydoc",
  "timeit",
  "zipapp",
  "site",
  "asyncio",
  "sqlite3",
  "os",
  "sys",
  "urllib",
  "runpy",
  "compileall",
  "cProfile",
  "pdb",
  "trace",
  "webbrowser",
]);

function fail(check: CheckId, message: string, ins?: DockerInstruction): StartFinding {
  return { check, status: "fail", message, ins };
}
function unknown(check: CheckId, message: string, ins?: DockerInstruction): StartFinding {
  return { check, status: "unknown", message, ins };
}
function pass(check: CheckId, message: string, ins?: DockerInstruction): StartFinding {
  return { check, status: "pass", message, ins };
}

function words(text: string): string[] {
  return parseShell(text).flatMap((c) => c.words.map((w) => w.value));
}

/** argv of an exec-form or shell-form instruction (shell form as `/bin/sh -c …`). */
function argvOf(ins: DockerInstruction | undefined): { argv: string[]; shell: boolean } | undefined {
  if (!ins) return undefined;
  if (ins.isExecForm) return { argv: ins.jsonArgs ?? [], shell: false };
  return { argv: ["/bin/sh", "-c", ins.argsText.trim()], shell: true };
}

function composeArgv(v: string[] | string): { argv: string[]; shell: boolean } {
  return Array.isArray(v) ? { argv: v, shell: false } : { argv: words(v), shell: false };
}

interface Tools {
  shell: boolean | undefined;
  curl: boolean | undefined;
  wget: boolean | undefined;
  /** An init the refine goal installs (apt or apk). */
  tini: boolean | undefined;
}

/**
 * Shell tools of the final image, from the engine's image model (the base-image knowledge table, the packages the
 * Dockerfile installs or removes): true, false when known to be missing, undefined when unknown.
 */
function toolsOf(image: StageImage, model: DockerfileModel): Tools {
  const state = imageStateAt(model, image.stage);
  return { shell: state.has("sh") ?? state.shell, curl: state.has("curl"), wget: state.has("wget"), tini: state.has("tini") };
}

/** Programs whose presence the runtime table and the simulation decide (others stay unknown when not found). */
const TRACKED_PROGRAMS =
  /^(python[0-9.]*|pip[0-9.]*|node|npm|npx|uv|uvx|uvicorn|gunicorn|dagster|dagster-webserver|dagster-daemon|streamlit|flask|alembic|celery|hypercorn|granian|bash)$/;

interface Resolved {
  presence: Presence;
  path: string | undefined;
  /** The Python environment the program runs in (a venv's bin, or the base's interpreter). */
  env?: PythonEnv;
  fromBase?: boolean;
}

function resolveProgram(image: StageImage, tools: Tools, name: string, env: ReadonlyMap<string, string>): Resolved {
  const tree = image.tree;
  const venvOf = (p: string) => image.pythonEnvs.find((e) => e.root !== undefined && p.startsWith(`${e.root}/bin/`));
  if (name.includes("/")) {
    const p = joinAbs(image.workdir, name);
    const pr = image.runtime.paths.includes(p) ? "yes" : tree.presence(p);
    return { presence: pr, path: p, env: venvOf(p), fromBase: image.runtime.paths.includes(p) };
  }
  let maybe = false;
  // the base's system folders are opaque, but for the programs the runtime table speaks about it is authoritative
  const listed = TRACKED_PROGRAMS.test(name) || name === "sh" || name === "curl" || name === "wget";
  for (const dir of (env.get("PATH") ?? image.runtime.path).split(":").filter(Boolean)) {
    const p = joinAbs(dir, name);
    const pr = tree.presence(p, listed && image.runtime.known);
    if (pr === "yes") return { presence: "yes", path: p, env: venvOf(p) };
    if (pr === "maybe") maybe = true;
  }
  if (image.runtime.programs.includes(name)) return { presence: "yes", path: undefined, fromBase: true };
  const tracked: Record<string, boolean | undefined> = { sh: tools.shell, curl: tools.curl, wget: tools.wget, tini: tools.tini };
  if (name in tracked) {
    const t = tracked[name];
    if (t === true) return { presence: "yes", path: undefined, fromBase: true };
    if (t === false && !maybe && image.unknownEffects.length === 0) return { presence: "no", path: undefined };
    return { presence: "maybe", path: undefined };
  }
  const certain = image.runtime.known && !maybe && image.unknownEffects.length === 0 && TRACKED_PROGRAMS.test(name);
  return { presence: certain ? "no" : "maybe", path: undefined };
}

/** The Python environment a resolved Python program runs in. */
function pythonEnvFor(image: StageImage, r: Resolved): PythonEnv | undefined {
  if (r.env) return r.env;
  if (r.fromBase || (r.path && r.path.startsWith("/usr/local/bin/")) || (r.path && r.path.startsWith("/usr/bin/"))) {
    return (
      image.pythonEnvs.find((e) => e.root === undefined && !e.bare) ?? {
        root: undefined,
        site: image.runtime.python?.site ?? "/usr/local/lib/python3/site-packages",
        runtime: image.runtime.python,
        packages: new Set(),
        maybe: "any",
        pathEntries: [],
      }
    );
  }
  return undefined;
}

function checkInterpreter(image: StageImage, env: PythonEnv | undefined, out: StartFinding[]): boolean {
  if (!env?.root) {
    if (!image.runtime.python && image.runtime.known) {
      out.push(fail("interpreter", `the image has no Python interpreter (${image.base.raw})`));
      return false;
    }
    return true;
  }
  const made = env.runtime;
  const here = image.runtime.python;
  if (!made || !here) {
    if (!here && image.runtime.known) {
      out.push(fail("interpreter", `the virtualenv ${env.root} links to an interpreter, but ${image.base.raw} has no Python`));
      return false;
    }
    out.push(unknown("interpreter", `cannot tell whether the virtualenv ${env.root} links to an interpreter this image has`));
    return true;
  }
  if (made.key !== here.key || (made.version && here.version && made.version !== here.version)) {
    out.push(
      fail(
        "interpreter",
        `the virtualenv ${env.root} was made with ${made.key} Python ${made.version ?? "?"}, and this image has ${here.key} Python ${here.version ?? "?"}: its python link and site-packages folder do not match`,
      ),
    );
    return false;
  }
  if (!made.version || !here.version)
    out.push(unknown("interpreter", `the Python versions of ${env.root} and the image are not both known`));
  else out.push(pass("interpreter", `${env.root} uses ${here.key} Python ${here.version}, which the image has`));
  return true;
}

/** Python's import search for a dotted module name over the simulated tree. */
export function findModule(image: StageImage, paths: string[], dotted: string): { presence: Presence; file?: string } {
  const tree = image.tree;
  let search = [...new Set(paths)];
  let file: string | undefined;
  const parts = dotted.split(".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) return { presence: "maybe" };
    let regular: string | undefined;
    let moduleFile: string | undefined;
    const portions: string[] = [];
    let maybe = false;
    for (const dir of search) {
      const pkg = joinAbs(dir, part);
      if (tree.get(joinAbs(pkg, "__init__.py"))) {
        regular = pkg;
        break;
      }
      if (tree.get(`${pkg}.py`)) {
        moduleFile = `${pkg}.py`;
        break;
      }
      if (tree.isDir(pkg)) portions.push(pkg);
      if (tree.presence(joinAbs(pkg, "__init__.py")) === "maybe" || tree.presence(`${pkg}.py`) === "maybe") maybe = true;
      // compiled extension modules and stand-in packages under an unknown folder
      if (tree.get(pkg)?.opaque) maybe = true;
    }
    const last = i === parts.length - 1;
    if (regular) {
      search = [regular];
      file = joinAbs(regular, "__init__.py");
    } else if (moduleFile) {
      if (!last) return { presence: "no" };
      return { presence: "yes", file: moduleFile };
    } else if (portions.length > 0) {
      search = portions;
      file = undefined;
    } else return { presence: maybe ? "maybe" : "no" };
  }
  return { presence: "yes", file };
}

/** Whether a module's text binds `attr` at all (assignment, def, class, import). */
function bindsAttribute(text: string, attr: string): Presence {
  const a = attr.replace(/[^A-Za-z0-9_]/g, "");
  if (a === "") return "maybe";
  const e = escapeRegExp(a);
  const re = new RegExp(
    `^\\s*(${escapeRegExp(e)}\\s*(:[^=\\n]*)?=|(async\\s+)?def\\s+${escapeRegExp(e)}\\b|class\\s+${escapeRegExp(e)}\\b|from\\s+\\S+\\s+import\\s+.*\\b${escapeRegExp(e)}\\b|import\\s+.*\\bas\\s+${escapeRegExp(e)}\\b)`,
    "m",
  );
  if (re.test(text)) return "yes";
  if (/^\s*from\s+\S+\s+import\s+\*/m.test(text) || /globals\(\)/.test(text)) return "maybe";
  return "no";
}

interface PythonTarget {
  kind: "module" | "app" | "file";
  name: string;
  /** `module:attr`'s attribute. */
  attr?: string;
  /** Folder put first on sys.path. */
  first: string[];
}

/** What a command asks Python to import, and the port/host it listens on. */
function analyseCommand(
  argv: string[],
  workdir: string,
): { python?: PythonTarget; listen?: { port: number | undefined; host: string | undefined; tls: boolean }; server?: string } {
  const prog = basename(argv[0] ?? "");
  const args = argv.slice(1);
  const opt = (names: string[]) => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      for (const n of names) {
        if (a === n) return args[i + 1];
        if (n.startsWith("--") && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
      }
    }
    return undefined;
  };
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  // python -m <tool> … runs the tool as if by its console script
  if (/^python[0-9.]*$/.test(prog)) {
    if (args[0] === "-m" && args[1]) {
      const tool = args[1];
      if (/^(uvicorn|gunicorn|dagster|dagster_webserver|streamlit)$/.test(tool)) {
        const inner = analyseCommand([tool.replace(/_/g, "-"), ...args.slice(2)], workdir);
        return { ...inner, python: inner.python ?? { kind: "module", name: tool, first: [workdir] } };
      }
      return { python: { kind: "module", name: tool, first: [workdir] } };
    }
    // python [options] script [args]: the first word that is not an option is a path to run
    if (args.some((a) => a.startsWith("-c"))) return {};
    const script = args.find((a) => !a.startsWith("-"));
    if (script) return { python: { kind: "file", name: joinAbs(workdir, script), first: [] } };
    return {};
  }
  if (prog === "uvicorn" || prog === "hypercorn") {
    const app = args.find(
      (a, i) =>
        !a.startsWith("-") &&
        !(
          i > 0 &&
          /^--?[a-z-]+$/.test(args[i - 1] as string) &&
          !/^--(reload|factory|proxy-headers|no-access-log|use-colors)$/.test(args[i - 1] as string)
        ),
    );
    const appDir = opt(["--app-dir"]);
    const [mod, attr] = (app ?? "").split(":");
    const tls = opt(["--ssl-certfile", "--certfile"]) !== undefined;
    return {
      python: app
        ? { kind: "app", name: mod as string, attr: attr ?? "app", first: [appDir ? joinAbs(workdir, appDir) : workdir] }
        : undefined,
      listen: { port: num(opt(["--port"])) ?? 8000, host: opt(["--host"]) ?? "127.0.0.1", tls },
      server: prog,
    };
  }
  if (prog === "gunicorn") {
    const app = [...args].reverse().find((a) => /^[A-Za-z_][\w.]*(:[\w()]+)?$/.test(a) && !/^\d/.test(a));
    const bind = opt(["--bind", "-b"]);
    const chdir = opt(["--chdir"]);
    const [mod, attr] = (app ?? "").split(":");
    const m = bind ? /^(?:\[?([^\]]*)\]?:)?(\d+)$/.exec(bind) : null;
    return {
      python: app
        ? {
            kind: "app",
            name: mod as string,
            attr: (attr ?? "application").replace(/\(.*$/, ""),
            first: [chdir ? joinAbs(workdir, chdir) : workdir],
          }
        : undefined,
      listen: {
        port: m ? Number(m[2]) : bind ? undefined : 8000,
        host: m ? (m[1] ?? "0.0.0.0") : bind ? undefined : "127.0.0.1",
        tls: opt(["--certfile"]) !== undefined,
      },
      server: prog,
    };
  }
  if (prog === "dagster" || prog === "dagster-webserver" || prog === "dagster-daemon") {
    const sub = prog === "dagster" ? args.slice(0, 2).join(" ") : "";
    const module = opt(["-m", "--module-name"]);
    const file = opt(["-f", "--python-file"]);
    const wd = opt(["-d", "--working-directory"]);
    const first = [wd ? joinAbs(workdir, wd) : workdir];
    const python: PythonTarget | undefined = module
      ? { kind: "module", name: module, first }
      : file
        ? { kind: "file", name: joinAbs(workdir, file), first }
        : undefined;
    if (prog === "dagster" && sub === "api grpc")
      return {
        python,
        listen: { port: num(opt(["-p", "--port"])), host: opt(["-h", "--host"]) ?? "localhost", tls: false },
        server: "dagster api grpc",
      };
    if ((prog === "dagster" && args[0] === "dev") || prog === "dagster-webserver")
      return {
        python,
        listen: { port: num(opt(["-p", "--port"])) ?? 3000, host: opt(["-h", "--host"]) ?? "127.0.0.1", tls: false },
        server: prog === "dagster" ? "dagster dev" : prog,
      };
    return { python };
  }
  if (prog === "streamlit" && args[0] === "run" && args[1]) {
    const portArg = args.find((a) => a.startsWith("--server.port="));
    return {
      python: { kind: "file", name: joinAbs(workdir, args[1]), first: [] },
      listen: { port: portArg ? num(portArg.split("=")[1]) : 8501, host: "0.0.0.0", tls: false },
      server: "streamlit",
    };
  }
  return {};
}

function probePort(argv: string[]): { port: number | undefined; https: boolean } | undefined {
  const text = argv.join(" ");
  const url = /\b(https?):\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?/.exec(text);
  if (url) return { port: url[2] ? Number(url[2]) : url[1] === "https" ? 443 : 80, https: url[1] === "https" };
  const grpc = /grpc-health-check\b.*?(?:-p|--port)[ =](\d+)/.exec(text);
  if (grpc) return { port: Number(grpc[1]), https: false };
  return undefined;
}

/** The whole check: the image, then the container a compose service would run from it. */
export function checkStart(options: StartCheckOptions): StartReport {
  const model = new DockerfileModel(options.dockerfilePath, options.text);
  const contextDir = options.context ?? dirname(options.dockerfilePath);
  const simulation = simulate(model, {
    dockerfilePath: options.dockerfilePath,
    context: { dir: contextDir, fs: options.fs, readText: options.readText, maxFiles: options.maxContextFiles },
    target: options.target,
  });
  const findings: StartFinding[] = [];
  const image = simulation.final;
  for (const p of simulation.problems) findings.push(fail("build", p.message, p.ins));
  if (!image) {
    findings.push(fail("build", options.target ? `no stage named ${options.target}` : "the Dockerfile has no stage"));
    return { findings, failures: findings.filter((f) => f.status === "fail"), simulation };
  }
  const svc = options.service;
  // the container's view: bind mounts replace image paths with project folders; compose env and workdir apply
  if (svc) {
    const kept = svc.keeps.map((k) => ({ k, tree: image.tree.clone() }));
    for (const b of svc.binds) {
      const host = options.fs.isDirectory(b.host);
      image.tree.remove(b.target);
      if (host) {
        const sub = simulate(new DockerfileModel(`${b.host}/Dockerfile.mount`, "FROM scratch\nCOPY . /m\n"), {
          dockerfilePath: `${b.host}/Dockerfile.mount`,
          context: { dir: b.host, fs: mountFs(options.fs) },
        });
        const mounted = sub.final?.tree;
        if (mounted) image.tree.copyInto(mounted, "/m", b.target);
      } else if (options.fs.exists(b.host)) image.tree.writeFile(b.target, options.fs.readFile(b.host));
      else image.tree.mkdir(b.target);
    }
    for (const { k, tree } of kept) {
      if (!tree.get(k)) continue;
      image.tree.remove(k);
      image.tree.copyInto(tree, k, k);
    }
    for (const [k, v] of Object.entries(svc.environment)) image.env.set(k, v);
    if (svc.workingDir) image.workdir = joinAbs(image.workdir, svc.workingDir);
    if (svc.user) image.user = svc.user;
  }
  const tools = toolsOf(image, model);
  checkUser(model, image, findings);

  // the command: ENTRYPOINT + CMD, or the compose service's replacements
  let entry = argvOf(image.entrypoint);
  let cmd = argvOf(image.cmd);
  if (svc?.entrypoint !== undefined) {
    entry = composeArgv(svc.entrypoint);
    cmd = undefined;
  }
  if (svc?.command !== undefined) cmd = composeArgv(svc.command);
  let argv: string[];
  let shellForm = false;
  if (entry) {
    argv = entry.shell ? entry.argv : [...entry.argv, ...(cmd?.argv ?? [])];
    shellForm = entry.shell;
  } else if (image.runtime.entrypoint === undefined && !image.entrypoint) {
    argv = cmd?.argv ?? [];
    shellForm = cmd?.shell ?? false;
    if (cmd) findings.push(unknown("command", `the ENTRYPOINT of ${image.base.raw} is not known; assuming it runs the command as given`));
  } else {
    argv = [...(image.runtime.entrypoint ?? []), ...(cmd?.argv ?? [])];
    shellForm = cmd?.shell ?? false;
  }
  if (argv.length === 0) {
    findings.push(fail("command", "the image has no command to run (no ENTRYPOINT or CMD)"));
    return { findings, failures: findings.filter((f) => f.status === "fail"), simulation };
  }
  const cmdIns = image.cmd ?? image.entrypoint;
  let runArgv = argv;
  if (shellForm || (/(^|\/)(ba|da)?sh$/.test(argv[0] as string) && argv[1] === "-c")) {
    const sh = resolveProgram(image, tools, "sh", image.env);
    if (sh.presence === "no")
      findings.push(fail("command", `the command is run by /bin/sh, which ${image.base.raw} does not have (use the exec form)`, cmdIns));
    const script = argv[2] ?? "";
    const cmds = parseShell(script);
    const last = cmds[cmds.length - 1];
    runArgv = (last?.words.map((w) => w.value) ?? []).filter((w, i) => !(i === 0 && w === "exec"));
    if (runArgv[0] === "exec") runArgv = runArgv.slice(1);
    if (runArgv.length === 0 || /\$/.test(runArgv[0] as string)) {
      findings.push(unknown("command", "the shell command's program is not known statically", cmdIns));
      runArgv = [];
    }
  }
  let listen: ReturnType<typeof analyseCommand>["listen"];
  if (runArgv.length > 0) {
    const prog = runArgv[0] as string;
    const r = resolveProgram(image, tools, prog, image.env);
    if (r.presence === "no")
      findings.push(fail("command", `${prog} is not in the image (${r.path ?? `not on PATH ${image.env.get("PATH") ?? ""}`})`, cmdIns));
    else if (r.presence === "maybe") findings.push(unknown("command", `cannot tell whether ${prog} is in the image`, cmdIns));
    else findings.push(pass("command", `${prog} is in the image${r.path ? ` at ${r.path}` : ""}`, cmdIns));
    const a = analyseCommand(runArgv, image.workdir);
    listen = a.listen;
    const isPython = a.python !== undefined || /^python/.test(basename(prog));
    if (isPython && r.presence !== "no") {
      const env = pythonEnvFor(image, r);
      const ok = checkInterpreter(image, env, findings);
      // `python -m uvicorn …` needs the uvicorn package itself; `dagster dev` needs dagster-webserver
      const tool = /^python/.test(basename(prog)) && runArgv[1] === "-m" ? runArgv[2] : undefined;
      if (ok && tool && a.python && tool !== a.python.name)
        checkPythonTarget(image, env, { kind: "module", name: tool, first: [image.workdir] }, findings, cmdIns);
      if (ok && a.server === "dagster dev")
        checkPythonTarget(image, env, { kind: "module", name: "dagster_webserver", first: [image.workdir] }, findings, cmdIns);
      if (ok && a.python) checkPythonTarget(image, env, a.python, findings, cmdIns, simulation.context);
    }
    if (a.listen && a.listen.port === undefined) findings.push(unknown("ports", `${a.server ?? prog}'s port is not given`, cmdIns));
  }
  checkHealthAndPorts(model, image, tools, listen, svc, findings);
  return { findings, failures: findings.filter((f) => f.status === "fail"), simulation };
}

/** A read-only view that hides nothing (bind mounts do not apply .dockerignore). */
function mountFs(fs: WorkspaceFs): WorkspaceFs {
  return { ...fs, readFile: (p) => (p.endsWith("/.dockerignore") || p.endsWith(".mount.dockerignore") ? undefined : fs.readFile(p)) };
}

function checkUser(model: DockerfileModel, image: StageImage, out: StartFinding[]): void {
  const user = image.user;
  if (user === undefined) return;
  const name = (user.split(":")[0] ?? "").trim();
  if (name === "" || /^\d+$/.test(name) || name === "root") return;
  if (image.createdUsers.has(name)) return void out.push(pass("user", `the user ${name} is created in the image`));
  // the image model knows the base image's default user (the knowledge table): that one exists
  const base = imageStateAt(model, image.stage).base;
  if (base.known.user === name) return void out.push(pass("user", `${image.base.raw} has the user ${name}`));
  if (image.runtime.users?.includes(name)) return void out.push(pass("user", `${image.base.raw} has the user ${name}`));
  // only where the base's whole /etc/passwd is known (and nothing unknown ran) is a missing user certain
  if (image.runtime.users && image.unknownEffects.length === 0 && !image.tree.get("/etc/passwd"))
    out.push(
      fail(
        "user",
        `USER ${name}: no such user in the image (nothing creates it, and ${image.base.raw} does not have it); the container does not start`,
      ),
    );
  else out.push(unknown("user", `cannot tell whether the user ${name} exists`));
}

function checkPythonTarget(
  image: StageImage,
  env: PythonEnv | undefined,
  t: PythonTarget,
  out: StartFinding[],
  ins: DockerInstruction | undefined,
  context?: Tree,
): void {
  if (t.kind === "file") {
    const pr = image.tree.presence(t.name);
    if (pr === "no")
      out.push({ ...fail("module", `${t.name} is not in the image`, ins), target: { kind: t.kind, name: t.name, missing: "module" } });
    else if (pr === "maybe") out.push(unknown("module", `cannot tell whether ${t.name} is in the image`, ins));
    else out.push(pass("module", `${t.name} is in the image`, ins));
    return;
  }
  const pythonPath = (image.env.get("PYTHONPATH") ?? "")
    .split(":")
    .filter((p) => p !== "")
    .map((p) => joinAbs(image.workdir, p));
  const site = env && !env.bare ? [env.site, ...env.pathEntries] : [];
  const bare = image.pythonEnvs.filter((e) => e.bare && pythonPath.includes(e.site));
  const paths = [...t.first, ...pythonPath, ...site];
  const top = t.name.split(".")[0] as string;
  if (STDLIB.has(top) && !t.attr) return void out.push(pass("module", `${t.name} is in Python's standard library`, ins));
  const found = findModule(image, paths, t.name);
  const where = `sys.path ${paths.join(", ")}`;
  if (found.presence === "no") {
    const third = env && env.maybe !== "any" && !env.maybe.has(top) && !env.packages.has(top.replace(/_/g, "-"));
    const unsure =
      image.unknownEffects.length > 0 ||
      (env?.maybe === "any" && !bare.length) ||
      (!third && env !== undefined && t.kind === "module" && !image.tree.get(joinAbs(image.workdir, top)));
    if (unsure && !isFirstParty(image, top) && !inContext(context, t.name))
      out.push(unknown("module", `cannot tell whether ${t.name} can be imported`, ins));
    else
      out.push({
        ...fail("module", `${t.name} cannot be imported: it is not found on ${where}`, ins),
        target: { kind: t.kind, name: t.name, missing: "module" },
      });
    return;
  }
  if (found.presence === "maybe") {
    // the project has this module, but not where Python looks first: only the base's own site-packages (opaque)
    // could still hold a module of that name, and then it would not be the project's
    const own = findModule(image, [...t.first, ...pythonPath, ...(env && !env.bare && env.root !== undefined ? site : [])], t.name);
    const onlyInstalled =
      own.presence === "no" &&
      env?.root === undefined &&
      image.unknownEffects.length === 0 &&
      (isFirstParty(image, top) || inContext(context, t.name));
    return void out.push({
      ...unknown("module", `cannot tell whether ${t.name} can be imported`, ins),
      ...(onlyInstalled ? { target: { kind: t.kind, name: t.name, missing: "module" as const, onlyInstalled: true } } : {}),
    });
  }
  if (t.attr && found.file) {
    const text = image.tree.get(found.file)?.text;
    if (text !== undefined) {
      const b = bindsAttribute(text, t.attr);
      if (b === "no")
        return void out.push({
          ...fail("module", `${t.name} (${found.file}) defines no ${t.attr}`, ins),
          target: { kind: t.kind, name: t.name, missing: "attribute" },
        });
    }
  }
  out.push(pass("module", `${t.name}${t.attr ? `:${t.attr}` : ""} is found at ${found.file ?? "a namespace package"}`, ins));
}

/** True when the module is the project's own: it resolves in the build context from its root or its `src/` folder. */
function inContext(context: Tree | undefined, dotted: string): boolean {
  if (!context || context.get("/")?.opaque) return false;
  return findModule({ tree: context } as StageImage, ["/", "/src"], dotted).presence === "yes";
}

/** A top-level name the project itself provides somewhere in the image (so a miss is a layout problem, not a missing dependency). */
function isFirstParty(image: StageImage, top: string): boolean {
  for (const k of image.tree.nodes.keys())
    if (k.endsWith(`/${top}/__init__.py`) || k.endsWith(`/${top}.py`)) return !k.includes("site-packages");
  return false;
}

function checkHealthAndPorts(
  model: DockerfileModel,
  image: StageImage,
  tools: Tools,
  listen: { port: number | undefined; host: string | undefined; tls: boolean } | undefined,
  svc: ServiceOverrides | undefined,
  out: StartFinding[],
): void {
  const probes: { argv: string[]; shell: boolean; where: string; ins?: DockerInstruction }[] = [];
  if (svc?.healthcheck !== undefined && !svc.healthcheckDisabled) {
    const t = svc.healthcheck;
    if (Array.isArray(t)) {
      if (t[0] === "CMD") probes.push({ argv: t.slice(1), shell: false, where: `service ${svc.name}'s healthcheck` });
      else if (t[0] === "CMD-SHELL")
        probes.push({ argv: ["/bin/sh", "-c", t[1] ?? ""], shell: true, where: `service ${svc.name}'s healthcheck` });
    } else probes.push({ argv: ["/bin/sh", "-c", t], shell: true, where: `service ${svc.name}'s healthcheck` });
  } else if (image.healthcheck && !svc?.healthcheckDisabled) {
    const h = healthcheckOf(model, image.healthcheck);
    if (h?.kind === "cmd") {
      const argv = h.commands[0]?.words.map((w) => w.value) ?? [];
      probes.push({
        argv: h.execForm ? argv : ["/bin/sh", "-c", h.raw.trim()],
        shell: !h.execForm,
        where: "HEALTHCHECK",
        ins: image.healthcheck,
      });
      if (h.execForm && h.commands.length > 1) probes[probes.length - 1]!.shell = true;
    }
  }
  for (const p of probes) {
    let argv = p.argv;
    if (p.shell || (/(^|\/)(ba|da)?sh$/.test(argv[0] ?? "") && argv[1] === "-c")) {
      const sh = resolveProgram(image, tools, "sh", image.env);
      if (sh.presence === "no") out.push(fail("healthcheck", `the ${p.where} needs /bin/sh, which the image does not have`, p.ins));
      argv = parseShell(argv[2] ?? "")[0]?.words.map((w) => w.value) ?? [];
    }
    const prog = argv[0];
    if (prog) {
      const r = resolveProgram(image, tools, prog, image.env);
      if (r.presence === "no") out.push(fail("healthcheck", `the ${p.where} runs ${prog}, which is not in the image`, p.ins));
      else if (r.presence === "maybe") out.push(unknown("healthcheck", `cannot tell whether ${prog} (${p.where}) is in the image`, p.ins));
      else {
        out.push(pass("healthcheck", `the ${p.where}'s ${prog} is in the image`, p.ins));
        if (/^python/.test(basename(prog))) checkInterpreter(image, pythonEnvFor(image, r), []);
      }
    }
    const pp = probePort(p.argv);
    if (pp && listen?.port !== undefined) {
      if (pp.port !== listen.port)
        out.push(fail("ports", `the ${p.where} probes port ${pp.port}, and the app listens on ${listen.port}`, p.ins));
      else if (pp.https && !listen.tls)
        out.push(fail("ports", `the ${p.where} uses https://, and the server is started without TLS`, p.ins));
      else out.push(pass("ports", `the ${p.where} probes the app's port ${listen.port}`, p.ins));
    }
  }
  if (!listen || listen.port === undefined) return;
  const exposed = image.expose.map((e) => e.port);
  if (exposed.length > 0 && !exposed.includes(listen.port))
    out.push(fail("ports", `EXPOSE ${exposed.join(" ")}, and the app listens on ${listen.port}`, image.expose[0]?.ins));
  else if (exposed.length > 0) out.push(pass("ports", `EXPOSE ${listen.port} is the app's port`));
  const published = svc?.ports ?? [];
  for (const port of published) {
    if (port !== listen.port)
      out.push(fail("ports", `service ${svc?.name} publishes container port ${port}, and the app listens on ${listen.port}`));
  }
  const local = listen.host !== undefined && /^(127\.0\.0\.1|localhost|::1)$/.test(listen.host);
  if (local && (exposed.length > 0 || published.length > 0))
    out.push(
      fail(
        "ports",
        `the app listens on ${listen.host} only: the ${published.length > 0 ? "published" : "exposed"} port ${listen.port} cannot reach it (add --host 0.0.0.0)`,
      ),
    );
}

/** Reads a compose service into overrides (plain values from the merged project). */
export function serviceOverrides(name: string, service: Record<string, unknown>, composeDir: string): ServiceOverrides {
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
  const list = (v: unknown): string[] | string | undefined =>
    Array.isArray(v) ? v.map((x) => String(x)) : typeof v === "string" ? v : undefined;
  const hc = service.healthcheck as Record<string, unknown> | undefined;
  const env: Record<string, string> = {};
  const rawEnv = service.environment;
  if (Array.isArray(rawEnv))
    for (const e of rawEnv) {
      const s = String(e);
      const eq = s.indexOf("=");
      if (eq > 0) env[s.slice(0, eq)] = s.slice(eq + 1);
    }
  else if (rawEnv && typeof rawEnv === "object")
    for (const [k, v] of Object.entries(rawEnv)) if (str(v) !== undefined) env[k] = str(v) as string;
  const ports: number[] = [];
  for (const p of Array.isArray(service.ports) ? service.ports : []) {
    if (p && typeof p === "object") {
      const t = Number((p as Record<string, unknown>).target);
      if (t) ports.push(t);
      continue;
    }
    const m = /(?:^|:)(\d+)(?:\/\w+)?$/.exec(String(p));
    if (m) ports.push(Number(m[1]));
  }
  const binds: ServiceOverrides["binds"] = [];
  const keeps: string[] = [];
  for (const v of Array.isArray(service.volumes) ? service.volumes : []) {
    const s =
      typeof v === "string"
        ? v
        : v && typeof v === "object" && (v as Record<string, unknown>).type === "bind"
          ? `${String((v as Record<string, unknown>).source)}:${String((v as Record<string, unknown>).target)}`
          : undefined;
    if (!s) continue;
    if (!s.includes(":") && s.startsWith("/")) {
      keeps.push(s);
      continue;
    }
    const [host, target] = s.split(":");
    if (host && target && /^[./~]/.test(host) && !host.startsWith("~")) binds.push({ host: resolvePath(composeDir, host), target });
  }
  return {
    name,
    command: list(service.command),
    entrypoint: list(service.entrypoint),
    healthcheck: hc ? list(hc.test) : undefined,
    healthcheckDisabled: hc?.disable === true || (Array.isArray(hc?.test) && hc?.test[0] === "NONE"),
    ports,
    environment: env,
    binds,
    keeps,
    workingDir: str(service.working_dir),
    user: withDefaults(str(service.user)),
  };
}

/**
 * A compose value with its variables replaced by their defaults (`${APP_UID:-1000}` -> `1000`), as without an env
 * file; undefined when a variable has no default (its value is not known here).
 */
function withDefaults(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let unknown = false;
  const out = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, _n, def: string | undefined) => {
      if (def === undefined) unknown = true;
      return def ?? "";
    },
  );
  return unknown ? undefined : out.replace(/\$\$/g, "$");
}

export type { BuildProblem };

/** One compose service with a `build:` section, checked as the merged project (base file and overrides) runs it. */
export interface ServiceReport extends StartReport {
  service: string;
  dockerfile: string;
}

/**
 * Checks every service of a compose project that builds an image. `files` are the compose files in merge order
 * (`compose.yml`, then `compose.override.yml` …), read through `fs`; services that only pull an image are skipped.
 */
export function checkComposeServices(fs: WorkspaceFs, files: string[]): ServiceReport[] {
  const models = files
    .map((p) => ({ p, text: fs.readFile(p) }))
    .filter((x): x is { p: string; text: string } => x.text !== undefined)
    .map((x) => new ComposeFileModel(x.p, x.text));
  if (models.length === 0) return [];
  const project = new ComposeProject(models, fs);
  const dir = dirname(models[0]!.path);
  const out: ServiceReport[] = [];
  for (const name of project.serviceNames().slice(0, 50)) {
    const merged = project.merged(name) as Record<string, unknown> | undefined;
    if (!merged) continue;
    const profiles = merged.profiles;
    if (Array.isArray(profiles) && profiles.length > 0) continue;
    const build = merged.build;
    if (build === undefined) continue;
    const b = typeof build === "string" ? { context: build } : (build as Record<string, unknown>);
    const context = resolvePath(dir, typeof b.context === "string" ? b.context : ".");
    const dockerfile = resolvePath(context, typeof b.dockerfile === "string" ? b.dockerfile : "Dockerfile");
    const text = fs.readFile(dockerfile);
    if (text === undefined) {
      const f = fail("build", `service ${name} builds ${dockerfile}, which does not exist`);
      out.push({
        service: name,
        dockerfile,
        findings: [f],
        failures: [f],
        simulation: { stages: new Map(), final: undefined, problems: [], context: undefined as never },
      });
      continue;
    }
    const report = checkStart({
      dockerfilePath: dockerfile,
      text,
      fs,
      context,
      target: typeof b.target === "string" ? b.target : undefined,
      service: serviceOverrides(name, merged, dir),
    });
    out.push({ ...report, service: name, dockerfile });
  }
  return out;
}

const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
/** How far above a Dockerfile's folder the compose file that builds it is looked for. */
const COMPOSE_SEARCH_DEPTH = 3;

/**
 * How a compose file beside the Dockerfile or in a folder above it builds that Dockerfile: the build context and
 * target, or undefined when none does. A Dockerfile kept in `docker/` is built with the project root as its context
 * (`build: {context: ., dockerfile: docker/x.Dockerfile}`); checked from its own folder it would miss every file.
 */
export function composeBuildOf(fs: WorkspaceFs, dockerfilePath: string): { context: string; target?: string } | undefined {
  let dir = dirname(dockerfilePath);
  for (let depth = 0; depth <= COMPOSE_SEARCH_DEPTH; depth++) {
    const names = fs
      .readDir(dir)
      .filter((n) => COMPOSE_NAME.test(n))
      .sort()
      .slice(0, 20);
    for (const name of names) {
      const path = resolvePath(dir, name);
      const text = fs.readFile(path);
      if (text === undefined) continue;
      let model: ComposeFileModel;
      try {
        model = new ComposeFileModel(path, text);
      } catch {
        continue;
      }
      const project = new ComposeProject([model], fs);
      for (const service of model.services.slice(0, 100)) {
        const build = (project.merged(service.name) as Record<string, unknown> | undefined)?.build;
        if (build === undefined || build === null || (typeof build !== "string" && typeof build !== "object")) continue;
        const b = typeof build === "string" ? { context: build } : (build as Record<string, unknown>);
        const context = resolvePath(dir, typeof b.context === "string" ? b.context : ".");
        const dockerfile = resolvePath(context, typeof b.dockerfile === "string" ? b.dockerfile : "Dockerfile");
        if (dockerfile === dockerfilePath) return { context, target: typeof b.target === "string" ? b.target : undefined };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
