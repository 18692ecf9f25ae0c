// Hermetic run folders and code-server start/stop.
//
// Each run gets a fresh folder with its own user data, extensions, a copy of the workspace and HOME/XDG_*:
// code-server writes ~/.config/code-server even for --version, Chromium writes ~/.config/chromium, and hot
// exit would bring back dirty buffers from an earlier run. code-server runs in its own process group and is
// stopped through that group, because killing only its PID orphans the extension host and our language server.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CS_BIN, RUNS, USER_SETTINGS } from "./paths";
import { capture, waitFor } from "./util";

export interface RunDir {
  dir: string;
  workspace: string;
  userData: string;
  extensions: string;
  /** The environment every process of this run gets: HOME, XDG_* and TMPDIR point into the run. */
  env: NodeJS.ProcessEnv;
  /** Short temp folder for VS Code's unix sockets (paths must stay under ~107 bytes); removed by dispose(). */
  runtimeDir: string;
  dispose(): void;
}

export function newRunDir(kind: string, workspace?: string): RunDir {
  mkdirSync(RUNS, { recursive: true });
  const dir = mkdtempSync(join(RUNS, `${kind}-`));
  for (const sub of ["home", "xdg/config", "xdg/data", "xdg/cache", "xdg/state", "ud/User", "exts", "ws"]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  copyFileSync(USER_SETTINGS, join(dir, "ud", "User", "settings.json"));
  if (workspace) cpSync(workspace, join(dir, "ws"), { recursive: true });
  writeFileSync(join(dir, "config.yaml"), "auth: none\n");
  const runtimeDir = mkdtempSync(join(tmpdir(), "e2e-"));
  const socket = join(dir, "ud", "code-server-ipc.sock");
  if (Buffer.byteLength(socket) > 100) {
    throw new Error(`run folder path too long for unix sockets (${socket}); set SHIPSHAPE_E2E_CACHE to a shorter folder`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(dir, "home"),
    XDG_CONFIG_HOME: join(dir, "xdg/config"),
    XDG_DATA_HOME: join(dir, "xdg/data"),
    XDG_CACHE_HOME: join(dir, "xdg/cache"),
    XDG_STATE_HOME: join(dir, "xdg/state"),
    XDG_RUNTIME_DIR: runtimeDir,
    TMPDIR: runtimeDir,
  };
  // npm sets these when the harness runs as an npm script; they would leak npm's config into the extension host
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return {
    dir,
    workspace: join(dir, "ws"),
    userData: join(dir, "ud"),
    extensions: join(dir, "exts"),
    env,
    runtimeDir,
    dispose: () => rmSync(runtimeDir, { recursive: true, force: true }),
  };
}

function profileArgs(run: RunDir): string[] {
  return ["--config", join(run.dir, "config.yaml"), "--user-data-dir", run.userData, "--extensions-dir", run.extensions];
}

/** `code-server --install-extension FILE` into the run's extensions folder; returns the installed folder. */
export function installVsix(run: RunDir, vsix: string, extensionId: string): string {
  const out = capture(CS_BIN, [...profileArgs(run), "--install-extension", vsix], { env: run.env, timeout: 120_000 });
  writeFileSync(join(run.dir, "install.log"), out);
  // the folder is <id>-<version>; reading it is quicker than a second code-server start for --list-extensions
  const prefix = `${extensionId.toLowerCase()}-`;
  const installed = readdirSync(run.extensions).filter((d) => d.startsWith(prefix));
  if (installed.length !== 1)
    throw new Error(`expected one ${prefix}* folder after --install-extension, found [${installed.join(", ")}]:\n${out}`);
  return join(run.extensions, installed[0] as string);
}

export interface CodeServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Turns workspace trust on for this run only (the shared user settings turn it off): VS Code then asks
 * whether to trust each folder it opens, and a folder not trusted opens in Restricted Mode.
 */
export function enableWorkspaceTrust(run: RunDir): void {
  const file = join(run.userData, "User", "settings.json");
  const settings = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  settings["security.workspace.trust.enabled"] = true;
  settings["security.workspace.trust.startupPrompt"] = "always";
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/**
 * Starts code-server on a free port (read back from its log) in its own process group. Workspace trust is off
 * unless `workspaceTrust` (see enableWorkspaceTrust).
 */
export async function startCodeServer(run: RunDir, options: { workspaceTrust?: boolean } = {}): Promise<CodeServer> {
  const logPath = join(run.dir, "code-server.log");
  writeFileSync(logPath, "");
  const args = [
    ...profileArgs(run),
    "--bind-addr",
    "127.0.0.1:0",
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    ...(options.workspaceTrust ? [] : ["--disable-workspace-trust"]),
    "--disable-getting-started-override",
  ];
  const fd = openSync(logPath, "a");
  // detached: the child leads a new process group, so stop() reaches the extension host and language servers
  const child: ChildProcess = spawn(CS_BIN, args, { env: run.env, detached: true, stdio: ["ignore", fd, fd] });
  let exited = false;
  child.on("exit", () => (exited = true));
  const pgid = child.pid;
  if (pgid === undefined) throw new Error("code-server did not spawn");
  const stop = trackGroup(pgid);
  try {
    const url = await waitFor("code-server's `HTTP server listening on` log line", 30_000, () => {
      if (exited) throw new Error(`code-server exited during start-up:\n${readFileSync(logPath, "utf8")}`);
      return /HTTP server listening on (http:\/\/[0-9.:]+)/.exec(readFileSync(logPath, "utf8"))?.[1];
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Process groups started by this harness and not yet stopped; killed on Ctrl+C or a crash of the harness. */
const liveGroups = new Set<number>();

export function killLiveGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

export function trackGroup(pgid: number): () => Promise<void> {
  liveGroups.add(pgid);
  return async () => {
    await stopGroup(pgid);
    liveGroups.delete(pgid);
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the process group, then SIGKILL whatever is left after 5 s. */
export async function stopGroup(pgid: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  try {
    await waitFor(`process group ${pgid} to exit after SIGTERM`, 5_000, () => !groupAlive(pgid));
  } catch {
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  }
}

/** http://127.0.0.1:PORT/?folder=…&payload=…: payload paths become vscode-remote URIs on the page's own authority. */
export function workbenchUrl(base: string, folder: string, payload: Record<string, string> = {}): string {
  const authority = new URL(base).host;
  const entries = Object.entries(payload).map(([key, path]) => [key, `vscode-remote://${authority}${path}`]);
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (entries.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  return url;
}
