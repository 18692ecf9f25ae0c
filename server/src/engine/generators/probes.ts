/**
 * Health probes and start commands per framework, written so they work on the image they run in:
 * slim, hardened and distroless images have no curl or wget, so HTTP probes use the runtime the image
 * already has (Python's urllib, Node's http). The probe itself comes from `analysis/python.ts`, the same
 * table the Dockerfile rules use; the generators only add the project's own health path and interpreter.
 */
import { healthcheckFor, httpProbe, type ServerFramework } from "../analysis/python";
import type { ProjectFacts } from "./projectFacts";

export interface Probe {
  /** Exec-form command (`CMD` form in compose is `["CMD", ...test]`). */
  test: string[];
  /** How long the service may take to start before failures count. */
  startPeriod: string;
}

const SERVER_FRAMEWORK: Record<ProjectFacts["framework"], ServerFramework> = {
  fastapi: "fastapi",
  flask: "flask",
  django: "django",
  streamlit: "streamlit",
  dagster: "dagster-grpc",
  script: "wsgi",
  node: "node",
};

const NO_TOOLS = { curl: false, wget: false, python: false, node: false };

/**
 * The probe for the project's service. `python` is the interpreter to call (`python` where the
 * virtualenv is on PATH, `python3` on distroless); `node` likewise; `dagster` the command prefix for
 * the Dagster CLI.
 */
export function probeFor(facts: ProjectFacts, interpreter?: { python?: string; node?: string; dagster?: string[] }): Probe {
  const framework = SERVER_FRAMEWORK[facts.framework];
  const spec = healthcheckFor(framework, facts.port, NO_TOOLS);
  const startPeriod = spec?.startPeriod ?? "10s";
  if (facts.framework === "dagster") {
    const test = spec?.test ?? ["dagster", "api", "grpc-health-check", "-p", String(facts.port)];
    return { test: [...(interpreter?.dagster ?? ["dagster"]), ...test.slice(1)], startPeriod };
  }
  const url = `http://127.0.0.1:${facts.port}${facts.healthPath}`;
  const node = facts.platform === "node";
  const test = httpProbe(url, { ...NO_TOOLS, python: !node, node }) ?? [];
  const exe = node ? interpreter?.node : interpreter?.python;
  return { test: exe ? [exe, ...test.slice(1)] : test, startPeriod };
}

/** The production command (exec form) with the virtualenv's tools on PATH. */
export function runtimeCommand(facts: ProjectFacts): string[] {
  const port = String(facts.port);
  switch (facts.framework) {
    case "fastapi":
      return ["uvicorn", facts.entry, "--host", "0.0.0.0", "--port", port];
    case "flask":
    case "django":
      return ["gunicorn", "--bind", `0.0.0.0:${port}`, facts.entry];
    case "streamlit":
      return ["streamlit", "run", facts.entry, `--server.port=${port}`, "--server.address=0.0.0.0", "--server.headless=true"];
    case "dagster":
      return ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", port, "-m", facts.entry];
    case "node":
      return ["node", facts.entry];
    default:
      // a source file, or else a console script the project installs into the virtualenv
      return facts.entry.endsWith(".py") ? ["python", facts.entry] : [facts.entry];
  }
}

/** The same command as `python -m <module> …`, for images without console scripts on PATH (distroless). */
export function runtimeCommandAsModule(facts: ProjectFacts, python: string): string[] {
  const cmd = runtimeCommand(facts);
  const tool = cmd[0] as string;
  if (tool === "python") return [python, ...cmd.slice(1)];
  // console scripts are not on PATH without the virtualenv: run their source file
  if (facts.framework === "script" && cmd.length === 1) return [python, facts.entryFile ?? `${tool}.py`];
  if (tool === "node") return cmd;
  return [python, "-m", tool, ...cmd.slice(1)];
}

/** The port the development command listens on: `dagster dev` serves the webserver UI (3000), not gRPC. */
export function devPort(facts: ProjectFacts): number {
  return facts.framework === "dagster" ? DAGSTER_DEV_PORT : facts.port;
}

export const DAGSTER_DEV_PORT = 3000;

/** The probe for the development server (`dagster dev`'s webserver answers on /server_info). */
export function devProbeFor(facts: ProjectFacts, interpreter?: { python?: string; node?: string }): Probe {
  if (facts.framework === "dagster")
    return {
      ...probeFor({ ...facts, framework: "fastapi", port: DAGSTER_DEV_PORT, healthPath: "/server_info" }, interpreter),
      startPeriod: "60s",
    };
  return probeFor(facts, interpreter);
}

/** The development command: the same server with reload on. */
export function devCommand(facts: ProjectFacts): string[] {
  const port = String(facts.port);
  switch (facts.framework) {
    case "fastapi":
      return ["uvicorn", facts.entry, "--host", "0.0.0.0", "--port", port, "--reload"];
    case "flask":
    case "django":
      return ["gunicorn", "--bind", `0.0.0.0:${port}`, "--reload", facts.entry];
    case "streamlit":
      return [...runtimeCommand(facts), "--server.runOnSave=true"];
    case "dagster":
      return ["dagster", "dev", "-h", "0.0.0.0", "-p", String(DAGSTER_DEV_PORT), "-m", facts.entry];
    case "node":
      return facts.hasDevScript
        ? [facts.packageManager === "pnpm" || facts.packageManager === "yarn" ? facts.packageManager : "npm", "run", "dev"]
        : ["node", "--watch", facts.entry];
    default:
      return runtimeCommand(facts);
  }
}
