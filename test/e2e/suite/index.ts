// extensionTestsPath entry: VS Code's extension host require()s the bundle of this file and awaits run().
// Runs every *.test.js next to it with mocha (tdd), prints the spec report (forwarded to the harness through
// the workbench's codeAutomationLog) and writes a JSON result the harness counts.
import { readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type MochaType from "mocha";

/** Set by the bundler (scripts/e2e/bundleSuite.ts): where mocha lives and where the result goes. */
declare const E2E_CONFIG: { root: string; resultFile: string; grep?: string };

export interface TestResult {
  title: string;
  state: "passed" | "failed";
  error?: string;
  durationMs?: number;
}

export function run(): Promise<void> {
  // mocha stays outside the bundle (it requires the test files by path); load it from the project
  const Mocha = createRequire(join(E2E_CONFIG.root, "package.json"))("mocha") as typeof MochaType;
  const mocha = new Mocha({ ui: "tdd", color: false, timeout: 60_000, reporter: "spec" });
  if (E2E_CONFIG.grep) mocha.grep(E2E_CONFIG.grep);
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith(".test.js")) mocha.addFile(join(__dirname, name));
  }
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeFileSync(E2E_CONFIG.resultFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on("pass", (t) => results.push({ title: t.fullTitle(), state: "passed", durationMs: t.duration }));
    runner.on("fail", (t, err: Error) =>
      results.push({ title: t.fullTitle(), state: "failed", error: err.stack ?? err.message, durationMs: t.duration }),
    );
  });
}
