// Installs code-server (VS Code 1.96.4 on node 20) into .e2e-cache/cs from the npm registry alone.
// Idempotent: a finished install (marker file) is reused, so a second e2e run starts in seconds.
// Needs python3, make, g++, libkrb5-dev (kerberos) and ripgrep from apt.
//
// A plain `npm i code-server` fails here three ways, so its postinstall is done by hand:
//  - the postinstall refuses to run as root without --unsafe-perm, which npm 11 no longer has;
//  - lib/vscode's shrinkwrap pins @vscode/proxy-agent to a git+ssh URL (unreachable); the registry tarball
//    of the same version has the same integrity hash, and npm still checks it;
//  - @vscode/ripgrep's postinstall downloads rg, but skips that when its bin/ exists: link the system rg.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CODE_SERVER_VERSION, CS_DIR } from "./paths";
import { capture, log, run } from "./util";

const MARKER = join(CS_DIR, ".installed");
const NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"];

/** Offline, node-gyp cannot download node's headers; use the local ones when they match this node. */
function nodeHeadersEnv(): NodeJS.ProcessEnv {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(process.execPath));
  const header = join(prefix, "include", "node", "node_version.h");
  if (!existsSync(header)) return {};
  const text = readFileSync(header, "utf8");
  const part = (name: string) =>
    /#define NODE_\w+_VERSION (\d+)/.exec(text.split("\n").find((l) => l.includes(`NODE_${name}_VERSION `)) ?? "")?.[1];
  const version = `v${part("MAJOR")}.${part("MINOR")}.${part("PATCH")}`;
  return version === process.version ? { npm_config_nodedir: prefix } : {};
}

function which(program: string): string | undefined {
  try {
    return capture("sh", ["-c", `command -v ${program}`]).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function installCodeServer(): void {
  if (existsSync(MARKER)) {
    log(`code-server ${CODE_SERVER_VERSION} cached in ${CS_DIR}`);
    return;
  }
  const rg = which("rg");
  if (!rg) throw new Error("ripgrep (rg) is missing: apt-get install ripgrep");
  if (process.versions.node.split(".")[0] !== "20")
    log(`warning: code-server ${CODE_SERVER_VERSION} is built for node 20, this is ${process.version}`);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CS_DIR} (once; about a minute)`);
  const env = { ...process.env, ...nodeHeadersEnv() };
  rmSync(CS_DIR, { recursive: true, force: true });
  mkdirSync(CS_DIR, { recursive: true });
  // without its own package.json npm walks up and installs into the project
  writeFileSync(join(CS_DIR, "package.json"), '{ "private": true }\n');
  const npm = (cwd: string, ...args: string[]) => run("npm", [...args, ...NPM_FLAGS], { cwd, env });

  npm(CS_DIR, "install", "--ignore-scripts", `code-server@${CODE_SERVER_VERSION}`);
  npm(CS_DIR, "rebuild", "argon2");
  const vscodeDir = join(CS_DIR, "node_modules", "code-server", "lib", "vscode");
  const shrinkwrapPath = join(vscodeDir, "npm-shrinkwrap.json");
  const tarball = capture("npm", ["view", "@vscode/proxy-agent@0.27.0", "dist.tarball"], { env }).trim();
  const shrinkwrap = readFileSync(shrinkwrapPath, "utf8").replace(/"resolved": "git\+ssh:\/\/[^"]*"/g, `"resolved": "${tarball}"`);
  if (shrinkwrap.includes('"resolved": "git+')) throw new Error("unexpected git dependency left in lib/vscode/npm-shrinkwrap.json");
  writeFileSync(shrinkwrapPath, shrinkwrap);
  npm(vscodeDir, "install", "--omit=dev", "--ignore-scripts");
  const rgBin = join(vscodeDir, "node_modules", "@vscode", "ripgrep", "bin");
  mkdirSync(rgBin, { recursive: true });
  rmSync(join(rgBin, "rg"), { force: true });
  symlinkSync(rg, join(rgBin, "rg"));
  npm(vscodeDir, "rebuild"); // node-pty, spdlog, kerberos, native-watchdog… through node-gyp
  // the rest of code-server's postinstall.sh
  const link = (target: string, path: string) => {
    rmSync(path, { force: true });
    symlinkSync(target, path);
  };
  link("node_modules", join(vscodeDir, "node_modules.asar"));
  link("code-linux.sh", join(vscodeDir, "bin", "remote-cli", "code-server"));
  link("browser-linux.sh", join(vscodeDir, "bin", "helpers", "browser.sh"));
  npm(join(vscodeDir, "extensions"), "install", "--omit=dev");
  writeFileSync(MARKER, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed`);
}

if (import.meta.url === `file://${process.argv[1]}`) installCodeServer();
