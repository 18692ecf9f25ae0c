// Bundles the extension-host suite (test/e2e/suite) to CommonJS for VS Code's extension host: one file per
// *.test.ts (mocha requires each) plus index.js (the extensionTestsPath entry). `vscode` and `mocha` stay external.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { ROOT } from "./paths";

export const SUITE_SOURCE = join(ROOT, "test", "e2e", "suite");

/** Writes the bundle to `outDir`; returns the path of its index.js. */
export async function bundleSuite(outDir: string, resultFile: string, grep?: string): Promise<string> {
  const entries = readdirSync(SUITE_SOURCE).filter((n) => n === "index.ts" || n.endsWith(".test.ts"));
  await esbuild.build({
    entryPoints: entries.map((n) => join(SUITE_SOURCE, n)),
    outdir: outDir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["vscode", "mocha"],
    sourcemap: "inline",
    logLevel: "warning",
    define: { E2E_CONFIG: JSON.stringify({ root: ROOT, resultFile, grep }) },
  });
  return join(outDir, "index.js");
}
