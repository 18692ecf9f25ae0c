/**
 * What a container runs and how to probe it: the server framework behind a start command
 * (`uvicorn app:app --port 8000`, `streamlit run app.py`, `dagster api grpc -p 4000` …) and a HEALTHCHECK
 * that works with the tools the image really has. Shared by the Dockerfile rules, the hovers, the compose
 * rules and the generators.
 */

export type ServerFramework =
  | "fastapi"
  | "flask"
  | "django"
  | "wsgi"
  | "streamlit"
  | "dagster-grpc"
  | "dagster-webserver"
  | "dagster-daemon"
  | "dagster-dev"
  | "airflow-webserver"
  | "airflow-scheduler"
  | "node";

export interface DetectedServer {
  framework: ServerFramework;
  /** The port it listens on: the one the command gives, else the framework's default. */
  port: number;
  /** True when the command names the port (a default otherwise). */
  portExplicit: boolean;
  /** `python` or `node`: the runtime the image therefore has. */
  language: "python" | "node";
  /** The development server or flag it uses (`--reload`, `flask run`, `dagster dev` …), if any. */
  devServer: string | undefined;
  /** The argv the detection is based on (launchers like `uv run` removed). */
  argv: string[];
}

/** Launchers that run the real program given after them. */
const LAUNCHERS: { match: (w: string[]) => number }[] = [
  { match: (w) => (w[0] === "uv" && w[1] === "run" ? 2 + skipFlags(w.slice(2)) : 0) },
  { match: (w) => (w[0] === "poetry" && w[1] === "run" ? 2 : 0) },
  { match: (w) => (w[0] === "pipenv" && w[1] === "run" ? 2 : 0) },
  { match: (w) => (w[0] === "pdm" && w[1] === "run" ? 2 : 0) },
  { match: (w) => (w[0] === "hatch" && w[1] === "run" ? 2 : 0) },
  {
    match: (w) =>
      /^(exec|env|nohup|opentelemetry-instrument|ddtrace-run|newrelic-admin)$/.test(w[0] ?? "") ? (w[1] === "run-program" ? 2 : 1) : 0,
  },
  {
    match: (w) =>
      /^(tini|dumb-init|gosu|su-exec)$/.test(w[0] ?? "")
        ? w.indexOf("--") >= 0
          ? w.indexOf("--") + 1
          : /^(gosu|su-exec)$/.test(w[0] ?? "")
            ? 2
            : 1
        : 0,
  },
  { match: (w) => (/^python[0-9.]*$/.test(w[0] ?? "") && w[1] === "-m" && w[2] !== undefined ? 2 : 0) },
];

function skipFlags(w: string[]): number {
  let i = 0;
  while (i < w.length && (w[i] as string).startsWith("-")) i++;
  return i;
}

function stripLaunchers(argv: readonly string[]): string[] {
  let w = [...argv];
  for (let guard = 0; guard < 8; guard++) {
    const base = w.map((a, i) => (i === 0 ? a.slice(a.lastIndexOf("/") + 1) : a));
    const skip = LAUNCHERS.map((l) => l.match(base)).find((n) => n > 0);
    if (!skip) return base;
    w = w.slice(skip);
    // `env A=1 prog`: drop assignments after env
    while (w[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1);
  }
  return w;
}

/** Value of `--flag value`, `--flag=value` or `-f value`. */
export function optionValue(argv: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    for (const n of names) {
      if (a === n) return argv[i + 1];
      if (n.startsWith("--") && a.startsWith(n + "=")) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

function portFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /(?:^|:)(\d{2,5})$/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * The server a container's start command runs. `commands` are the shell commands of CMD/ENTRYPOINT
 * (or compose `command`/`entrypoint`), each as argv; the first that starts a known server wins.
 */
export function detectServerFramework(commands: readonly (readonly string[])[]): DetectedServer | undefined {
  for (const raw of commands) {
    const argv = stripLaunchers(raw);
    const found = detectOne(argv);
    if (found) return found;
  }
  return undefined;
}

function detectOne(argv: string[]): DetectedServer | undefined {
  const prog = argv[0];
  if (prog === undefined) return undefined;
  const make = (
    framework: ServerFramework,
    port: number | undefined,
    fallback: number,
    language: "python" | "node",
    devServer?: string,
  ): DetectedServer => ({ framework, port: port ?? fallback, portExplicit: port !== undefined, language, devServer, argv });
  const reload = argv.includes("--reload") ? "--reload" : undefined;
  switch (prog) {
    case "uvicorn":
    case "hypercorn":
    case "granian":
      return make("fastapi", portFrom(optionValue(argv, "--port", "-p", "--bind", "-b")), 8000, "python", reload);
    case "fastapi": {
      const dev = argv[1] === "dev" ? "fastapi dev" : undefined;
      return make("fastapi", portFrom(optionValue(argv, "--port")), 8000, "python", dev ?? reload);
    }
    case "gunicorn": {
      const worker = optionValue(argv, "-k", "--worker-class") ?? "";
      const port = portFrom(optionValue(argv, "-b", "--bind"));
      return make(/uvicorn/i.test(worker) ? "fastapi" : "wsgi", port, 8000, "python", reload);
    }
    case "flask":
      if (argv.includes("run")) {
        return make("flask", portFrom(optionValue(argv, "--port", "-p")), 5000, "python", "flask run");
      }
      return undefined;
    case "streamlit":
      if (argv[1] === "run") {
        const dev = argv.some((a) => /^--server\.runOnSave(=true)?$/.test(a)) ? "--server.runOnSave" : undefined;
        return make("streamlit", portFrom(optionValue(argv, "--server.port")), 8501, "python", dev);
      }
      return undefined;
    case "dagster":
      if (argv[1] === "api" && argv[2] === "grpc") return make("dagster-grpc", portFrom(optionValue(argv, "-p", "--port")), 4000, "python");
      if (argv[1] === "code-server" && argv[2] === "start")
        return make("dagster-grpc", portFrom(optionValue(argv, "-p", "--port")), 4000, "python");
      if (argv[1] === "dev") return make("dagster-dev", portFrom(optionValue(argv, "-p", "--port")), 3000, "python", "dagster dev");
      return undefined;
    case "dagster-webserver":
    case "dagit":
      return make("dagster-webserver", portFrom(optionValue(argv, "-p", "--port")), 3000, "python");
    case "dagster-daemon":
      return argv[1] === "run" ? make("dagster-daemon", undefined, 0, "python") : undefined;
    case "airflow":
      if (argv[1] === "webserver" || argv[1] === "api-server")
        return make("airflow-webserver", portFrom(optionValue(argv, "-p", "--port")), 8080, "python");
      if (argv[1] === "scheduler") return make("airflow-scheduler", undefined, 8974, "python");
      if (argv[1] === "standalone") return make("airflow-webserver", undefined, 8080, "python", "airflow standalone");
      return undefined;
    case "node":
    case "bun":
    case "nodemon":
      return argv.length > 1 ? make("node", undefined, 3000, "node", prog === "nodemon" ? "nodemon" : undefined) : undefined;
    case "npm":
    case "pnpm":
    case "yarn":
      if (argv.includes("start") || (argv.includes("run") && argv.includes("start"))) return make("node", undefined, 3000, "node");
      if (argv.includes("dev") || argv.includes("serve")) return make("node", undefined, 3000, "node", `${prog} run dev`);
      return undefined;
    case "next":
      return make("node", portFrom(optionValue(argv, "-p", "--port")), 3000, "node", argv[1] === "dev" ? "next dev" : undefined);
    default:
      break;
  }
  if (/^python[0-9.]*$/.test(prog)) {
    const script = argv.find((a, i) => i > 0 && !a.startsWith("-"));
    if (script && /manage\.py$/.test(script)) {
      const sub = argv[argv.indexOf(script) + 1];
      if (sub === "runserver") {
        const addr = argv[argv.indexOf(script) + 2];
        return make("django", portFrom(addr), 8000, "python", "manage.py runserver");
      }
    }
  }
  return undefined;
}

/** The tools an image has that can run a probe. */
export interface ProbeTools {
  curl: boolean;
  wget: boolean;
  python: boolean;
  node: boolean;
}

export interface HealthcheckSpec {
  /** Exec-form argv for `HEALTHCHECK CMD [...]` or compose `test: ["CMD", ...]`. */
  test: string[];
  interval: string;
  timeout: string;
  startPeriod: string;
  retries: number;
  /** The URL the probe requests, for HTTP probes. */
  url: string | undefined;
}

/** The path a framework serves its health endpoint on (the app's own `/health` for app frameworks). */
export function healthPath(framework: ServerFramework): string | undefined {
  switch (framework) {
    case "streamlit":
      return "/_stcore/health";
    case "dagster-webserver":
    case "dagster-dev":
      return "/server_info";
    case "dagster-grpc":
    case "dagster-daemon":
      return undefined;
    default:
      return "/health";
  }
}

const START_PERIOD: Record<ServerFramework, string> = {
  fastapi: "10s",
  flask: "10s",
  django: "20s",
  wsgi: "10s",
  streamlit: "45s",
  "dagster-grpc": "30s",
  "dagster-webserver": "30s",
  "dagster-daemon": "30s",
  "dagster-dev": "60s",
  "airflow-webserver": "60s",
  "airflow-scheduler": "30s",
  node: "10s",
};

/** A probe for an HTTP URL that fails on connection errors and on HTTP status >= 400, with the tools available. */
export function httpProbe(url: string, tools: ProbeTools): string[] | undefined {
  if (tools.curl) return ["curl", "--fail", "--silent", "--show-error", "--max-time", "5", url];
  if (tools.python)
    return [
      "python",
      "-c",
      `import sys, urllib.request; r = urllib.request.urlopen('${url}', timeout=5); sys.exit(0 if r.status < 400 else 1)`,
    ];
  if (tools.wget) return ["wget", "--quiet", "--spider", "--timeout=5", url];
  if (tools.node)
    return [
      "node",
      "-e",
      `require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`,
    ];
  return undefined;
}

/**
 * The HEALTHCHECK that fits a framework on a port, using a probe the image has. A Python framework implies
 * `python`, a Node one implies `node`. Undefined when no probe can be written.
 */
export function healthcheckFor(framework: ServerFramework, port: number, tools: ProbeTools): HealthcheckSpec | undefined {
  const language = framework === "node" ? "node" : "python";
  const have: ProbeTools = { ...tools, python: tools.python || language === "python", node: tools.node || language === "node" };
  const timing = { interval: "30s", timeout: "5s", startPeriod: START_PERIOD[framework], retries: 3 };
  if (framework === "dagster-grpc") return { ...timing, test: ["dagster", "api", "grpc-health-check", "-p", String(port)], url: undefined };
  if (framework === "dagster-daemon") return { ...timing, test: ["dagster-daemon", "liveness-check"], url: undefined };
  const path = healthPath(framework) ?? "/";
  const url = `http://127.0.0.1:${port}${path}`;
  const test = httpProbe(url, have);
  return test ? { ...timing, test, url } : undefined;
}

/** `HEALTHCHECK --interval=30s … CMD ["…"]` for a Dockerfile. */
export function dockerfileHealthcheck(spec: HealthcheckSpec): string {
  return `HEALTHCHECK --interval=${spec.interval} --timeout=${spec.timeout} --start-period=${spec.startPeriod} --retries=${spec.retries} CMD ${JSON.stringify(spec.test).replace(/","/g, '", "')}`;
}

/** True when Python code performs an HTTP request whose status it never checks (`requests.get(url)` alone). */
export function probeIgnoresStatus(code: string): { call: string; index: number; end: number } | undefined {
  const re = /\b(requests|httpx)\.(get|head|post)\s*\(/g;
  const m = re.exec(code);
  if (!m) return undefined;
  if (/raise_for_status|status_code|\.ok\b|\.is_success\b|\.is_error\b|assert\b/.test(code)) return undefined;
  // find the call's closing parenthesis
  let depth = 0;
  let quote: string | undefined;
  for (let i = m.index + m[0].length - 1; i < code.length; i++) {
    const c = code[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return { call: `${m[1]}.${m[2]}`, index: m.index, end: i + 1 };
    }
  }
  return undefined;
}
