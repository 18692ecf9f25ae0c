// Runs the mocha suite in VS Code's real extension host inside code-server.
//
// code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath, but the web workbench reads them
// from the `payload` URL parameter and hands them to the server-side extension host, which require()s the tests
// module and awaits run() (the contract @vscode/test-electron uses). The workbench reports back through
// window.codeAutomationLog (console output) and window.codeAutomationExit (the result), the hooks
// @vscode/test-web uses. The extension host needs a development path next to the tests path; it is the
// folder `--install-extension` unpacked the VSIX into, so the code under test is exactly what the VSIX ships.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { launchBrowser } from "./browser";
import { bundleSuite } from "./bundleSuite";
import { startCodeServer, workbenchUrl, type RunDir } from "./codeServer";
import type { Outcome } from "./report";
import { log } from "./util";

interface SuiteResult {
  title: string;
  state: "passed" | "failed";
  error?: string;
}

export async function runExtensionHostSuite(run: RunDir, extensionDir: string, timeoutMs = 240_000): Promise<Outcome[]> {
  const resultFile = join(run.dir, "suite-result.json");
  const testsIndex = await bundleSuite(join(run.dir, "suite"), resultFile, process.env.SHIPSHAPE_E2E_GREP);
  const server = await startCodeServer(run);
  log(`code-server listening at ${server.url}`);
  const { context, page } = await launchBrowser(join(run.dir, "browser"));
  let exitCode: string | number;
  try {
    let finish: (code: string | number) => void = () => undefined;
    const finished = new Promise<string | number>((resolve) => (finish = resolve));
    await page.exposeFunction("codeAutomationLog", (_type: string, args: unknown[]) => {
      // mocha's reporter logs printf-style (`%s (%dms)`, title, ms): format like console.log would
      const text = format(...args);
      // the workbench forwards its own chatter too; the suite's lines are what matters
      if (
        !/Resol\w+ connection token|Creating a socket|additional builtin extensions|Service Worker|Creation of workbench contribution|vsda|extensionquery/.test(
          text,
        )
      )
        console.log(`  ${text.replace(/\n/g, "\n  ")}`);
    });
    await page.exposeFunction("codeAutomationExit", (code: number) => finish(code));
    const timer = setTimeout(() => finish(`no result from the extension host after ${timeoutMs} ms`), timeoutMs);
    await page.goto(workbenchUrl(server.url, run.workspace, { extensionDevelopmentPath: extensionDir, extensionTestsPath: testsIndex }));
    exitCode = await finished;
    clearTimeout(timer);
    log(`extension-host suite finished: exit ${exitCode}`);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  if (!existsSync(resultFile)) {
    return [
      {
        name: "extension host: suite ran",
        ok: false,
        detail: `no results (${exitCode}); see ${join(run.dir, "code-server.log")} and ud/logs`,
      },
    ];
  }
  const results = JSON.parse(readFileSync(resultFile, "utf8")) as SuiteResult[];
  const outcomes: Outcome[] = results.map((r) => ({ name: `extension host: ${r.title}`, ok: r.state === "passed", detail: r.error }));
  if (results.length === 0) outcomes.push({ name: "extension host: suite has tests", ok: false, detail: "mocha ran no tests" });
  return outcomes;
}
