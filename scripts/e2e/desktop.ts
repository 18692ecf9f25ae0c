// `npm run test:e2e:desktop`: the same extension-host suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (it fetches it from update.code.visualstudio.com; on the offline
// build machines that fails with ENOTFOUND, which is why `npm run test:e2e` uses code-server instead).
// Like the code-server run, it installs the packaged VSIX into a fresh extensions folder and tests that copy.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from "@vscode/test-electron";
import { bundleSuite } from "./bundleSuite";
import { newRunDir } from "./codeServer";
import { FIXTURE_WORKSPACE, ROOT, VSIX } from "./paths";
import { log, run } from "./util";

const VSCODE_VERSION = process.env.SHIPSHAPE_E2E_VSCODE ?? "1.96.4";

async function main(): Promise<number> {
  if (!process.env.SHIPSHAPE_E2E_SKIP_PACKAGE) run("npm", ["run", "--silent", "package"], { cwd: ROOT });
  const r = newRunDir("desktop", FIXTURE_WORKSPACE);
  try {
    const vsix = join(r.dir, "shipshape.vsix");
    copyFileSync(VSIX, vsix);
    log(`downloading VS Code ${VSCODE_VERSION} (cached in .e2e-cache/vscode-test)`);
    const executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: join(ROOT, ".e2e-cache", "vscode-test") });
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
    const profile = ["--user-data-dir", r.userData, "--extensions-dir", r.extensions];
    const install = spawnSync(cli as string, [...cliArgs, ...profile, "--install-extension", vsix], { env: r.env, encoding: "utf8" });
    if (install.status !== 0) throw new Error(`--install-extension failed: ${install.stderr}`);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { publisher: string; name: string };
    const prefix = `${pkg.publisher}.${pkg.name}-`.toLowerCase();
    const installed = readdirSync(r.extensions).find((d) => d.startsWith(prefix));
    if (!installed) throw new Error(`the VSIX did not install into ${r.extensions}`);
    const resultFile = join(r.dir, "suite-result.json");
    const testsIndex = await bundleSuite(join(r.dir, "suite"), resultFile, process.env.SHIPSHAPE_E2E_GREP);
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: join(r.extensions, installed),
      extensionTestsPath: testsIndex,
      launchArgs: [r.workspace, ...profile, "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes"],
      extensionTestsEnv: { HOME: r.env.HOME, XDG_CONFIG_HOME: r.env.XDG_CONFIG_HOME },
    });
    const results = JSON.parse(readFileSync(resultFile, "utf8")) as { state: string }[];
    const failed = results.filter((t) => t.state !== "passed").length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    return code === 0 && failed === 0 ? 0 : 1;
  } finally {
    r.dispose();
    if (!process.env.SHIPSHAPE_E2E_KEEP) rmSync(r.dir, { recursive: true, force: true });
  }
}

mkdirSync(join(ROOT, ".e2e-cache"), { recursive: true });
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
