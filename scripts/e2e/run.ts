// `npm run test:e2e`: the packaged extension in a real VS Code (code-server 4.96.4 = VS Code 1.96) and the
// language server in Neovim. Ends with `N passed, N failed` and a non-zero exit code on any failure.
//
//   1. npm run package → shipshape.vsix, installed with --install-extension into a fresh profile
//   2. the mocha suite (test/e2e/suite) in VS Code's extension host, against the installed extension
//   3. the UI driven with Playwright in Chromium; screenshots in results/e2e/; then a fresh profile with
//      workspace trust on: the folder opened in Restricted Mode still gets Shipshape's diagnostics
//   4. the editor experience typed with the keyboard (scripts/e2e/editorUi.ts); screenshots editor-*.png
//   5. Neovim as a second LSP client
//
// env: SHIPSHAPE_E2E_SKIP_PACKAGE=1 reuses ./shipshape.vsix; SHIPSHAPE_E2E_ONLY=ext,ui,web,editor,nvim picks parts;
//      SHIPSHAPE_E2E_GREP filters extension-host tests; SHIPSHAPE_E2E_KEEP=1 keeps the run folders.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installCodeServer } from "./install";
import { installVsix, killLiveGroups, newRunDir, type RunDir } from "./codeServer";
import { runExtensionHostSuite } from "./extensionHost";
import { runNeovim } from "./nvim";
import { CACHE, FIXTURE_WORKSPACE, RESULTS, ROOT, RUNS, VSIX } from "./paths";
import { printSummary, type Outcome } from "./report";
import { runEditorUi } from "./editorUi";
import { runRestrictedUi, runUi } from "./ui";
import { webOnlyVsix } from "./webVsix";
import { capture, log, run } from "./util";

const started = Date.now();
const only = new Set((process.env.SHIPSHAPE_E2E_ONLY ?? "ext,ui,web,editor,nvim").split(",").map((s) => s.trim()));
const outcomes: Outcome[] = [];
const runs: RunDir[] = [];

process.on("SIGINT", () => {
  killLiveGroups();
  process.exit(130);
});
process.on("SIGTERM", () => {
  killLiveGroups();
  process.exit(143);
});

function extensionId(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
}

/** Files the installed extension needs: its entry (`main`, else `browser`) and the server bundle that entry starts. */
function checkInstalledFiles(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { main?: string; browser?: string };
  const entry = pkg.main ?? pkg.browser;
  const needed = [
    entry ? (entry.endsWith(".js") ? entry : `${entry}.js`) : "(no main or browser in package.json)",
    "dist/server/server.js",
  ];
  return needed.filter((f) => !existsSync(join(dir, f)));
}

/** A fresh profile with the VSIX installed; the outcome records whether it installed with the files it needs. */
function preparedRun(kind: string, vsix: string): { run: RunDir; extensionDir: string } | undefined {
  const r = newRunDir(kind, FIXTURE_WORKSPACE);
  runs.push(r);
  const name = `${kind}: shipshape.vsix installs into a fresh code-server profile with its bundles`;
  try {
    const extensionDir = installVsix(r, vsix, extensionId());
    const missing = checkInstalledFiles(extensionDir);
    outcomes.push({
      name,
      ok: missing.length === 0,
      detail: missing.length ? `missing in the installed extension: ${missing.join(", ")}` : undefined,
    });
    return missing.length ? undefined : { run: r, extensionDir };
  } catch (err) {
    outcomes.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

async function phase(name: string, body: () => Promise<Outcome[]>): Promise<void> {
  console.log(`\n=== ${name}`);
  const t = Date.now();
  try {
    outcomes.push(...(await body()));
  } catch (err) {
    outcomes.push({ name: `${name}: harness`, ok: false, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** Every code-server, extension host, language server and nvim this run started must be gone. */
function noLeftovers(): Outcome {
  const leftovers: string[] = [];
  // this harness and what started it (`flock … env SHIPSHAPE_E2E_CACHE=… npm run test:e2e` names the cache too)
  const ours = new Set<number>();
  for (let pid = process.pid; pid > 1 && !ours.has(pid);) {
    ours.add(pid);
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ")"
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (ours.has(Number(pid))) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      if (cmdline.includes(CACHE)) leftovers.push(`${pid} ${cmdline.slice(0, 200)}`);
    } catch {
      // the process ended while we looked
    }
  }
  return {
    name: "no processes left behind (code-server, extension host, language server, nvim)",
    ok: leftovers.length === 0,
    detail: leftovers.join("\n"),
  };
}

/** Keeps what CI should show after the run (logs) in results/e2e/logs; run folders go unless SHIPSHAPE_E2E_KEEP. */
function collectLogs(): void {
  const logs = join(RESULTS, "logs");
  rmSync(logs, { recursive: true, force: true });
  for (const r of runs) {
    const dest = join(logs, r.dir.split("/").pop() ?? "run");
    mkdirSync(dest, { recursive: true });
    for (const f of ["code-server.log", "install.log", "suite-result.json", "probe.json"]) {
      if (existsSync(join(r.dir, f))) copyFileSync(join(r.dir, f), join(dest, f));
    }
    if (existsSync(join(r.dir, "ud", "logs"))) cpSync(join(r.dir, "ud", "logs"), join(dest, "vscode-logs"), { recursive: true });
    r.dispose();
    if (!process.env.SHIPSHAPE_E2E_KEEP) rmSync(r.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (f.endsWith(".png")) rmSync(join(RESULTS, f));
  if (!process.env.SHIPSHAPE_E2E_KEEP) rmSync(RUNS, { recursive: true, force: true }); // leftovers of an interrupted run

  console.log("=== build");
  installCodeServer();
  if (!process.env.SHIPSHAPE_E2E_SKIP_PACKAGE) {
    log("npm run package");
    run("npm", ["run", "--silent", "package"], { cwd: ROOT });
  }
  if (!existsSync(VSIX)) throw new Error(`${VSIX} was not built`);
  // a private copy: others working in the same tree may rebuild ./shipshape.vsix while this run uses it
  mkdirSync(RUNS, { recursive: true });
  const vsix = join(RUNS, "shipshape.vsix");
  copyFileSync(VSIX, vsix);
  const listing = capture("unzip", ["-l", vsix]);
  log(`shipshape.vsix: ${(readFileSync(vsix).length / 1024).toFixed(0)} KB, ${listing.trim().split("\n").pop()?.trim()}`);

  if (only.has("ext")) {
    await phase("extension host (mocha in VS Code 1.96)", async () => {
      const prepared = preparedRun("ext", vsix);
      return prepared ? runExtensionHostSuite(prepared.run, prepared.extensionDir) : [];
    });
  }
  if (only.has("ui")) {
    await phase("UI (Playwright + Chromium)", async () => {
      const prepared = preparedRun("ui", vsix);
      return prepared ? runUi(prepared.run) : [];
    });
    await phase("UI in Restricted Mode (workspace trust on)", async () => {
      const prepared = preparedRun("trust", vsix);
      return prepared ? runRestrictedUi(prepared.run) : [];
    });
  }
  if (only.has("web")) {
    await phase("web extension (browser entry only, web-worker extension host)", async () => {
      const webVsix = join(RUNS, "shipshape-web.vsix");
      webOnlyVsix(vsix, webVsix);
      const prepared = preparedRun("web", webVsix);
      if (!prepared) return [];
      const pkg = JSON.parse(readFileSync(join(prepared.extensionDir, "package.json"), "utf8")) as { main?: string; browser?: string };
      const entry: Outcome = {
        name: "web: the installed extension has only the browser entry (it can run nowhere but the web worker)",
        ok: pkg.main === undefined && pkg.browser !== undefined && existsSync(join(prepared.extensionDir, "dist/server/server.js")),
        detail: JSON.stringify({ main: pkg.main, browser: pkg.browser }),
      };
      const ui = await runUi(prepared.run, "web");
      // where it ran: the Node (remote) extension host logs every activation; Shipshape's must not be there
      const hostLogs = readdirSync(join(prepared.run.userData, "logs"), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith("remoteexthost.log"))
        .map((f) => readFileSync(join(prepared.run.userData, "logs", f), "utf8"));
      const inNodeHost = hostLogs.some((t) => /_doActivateExtension shipshape\./.test(t));
      const where: Outcome = {
        name: "web: the extension ran in the web worker (the Node extension host never activated it)",
        ok: hostLogs.length > 0 && !inNodeHost && ui.every((o) => o.ok),
        detail: `${hostLogs.length} Node extension host log(s); activation there: ${inNodeHost}`,
      };
      return [entry, ...ui, where];
    });
  }
  if (only.has("editor")) {
    await phase("UI: the editor experience (typing, hovers, snippets, settings)", async () => {
      const prepared = preparedRun("editor", vsix);
      return prepared ? runEditorUi(prepared.run) : [];
    });
  }
  if (only.has("nvim")) {
    await phase("Neovim", runNeovim);
  }
  outcomes.push(noLeftovers());
  collectLogs();
  return printSummary(outcomes, (Date.now() - started) / 1000);
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (err: unknown) => {
    killLiveGroups();
    outcomes.push({ name: "e2e harness", ok: false, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    printSummary(outcomes, (Date.now() - started) / 1000);
    process.exit(1);
  },
);
