// Bundles the extension client, the language server and the CLI with esbuild.
// --production minifies; --watch rebuilds on change.
import * as esbuild from "esbuild";
import { existsSync, rmSync } from "node:fs";
import { plugins } from "./esbuildPlugins.mjs";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const entries = [
  // one client bundle for package.json's `main` and `browser`, one server bundle for Node and a web worker: each
  // picks its entry when it starts (client/src/main.ts, server/src/main.ts), so the VSIX carries each library once
  { in: "client/src/main.ts", out: "dist/client/extension", external: ["vscode"] },
  // the server and the CLI run the engine's hot code: without keepNames (esbuild wraps every function expression in
  // a __name() call that defines its name property, ~7% of a CLI run); nothing in them reads a function's name
  { in: "server/src/main.ts", out: "dist/server/server", external: [], keepNames: false },
  // yaml-language-server in its own file, required on first compose hover (Node only)
  { in: "server/src/services/yamlService.ts", out: "dist/server/yamlService", external: [] },
  { in: "server/src/cli/main.ts", out: "dist/cli/main", external: [], keepNames: false },
].filter((e) => existsSync(e.in));

if (!watch) rmSync("dist", { recursive: true, force: true });

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      outdir: ".",
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      // jsonc-parser's UMD build fails at start-up ("Cannot find module './impl/format'") unless the ESM build is picked
      mainFields: ["module", "main"],
      external: e.external,
      sourcemap: production ? false : "linked",
      minify: production,
      keepNames: e.keepNames ?? true,
      logLevel: "warning",
      legalComments: "linked",
      metafile: true,
      plugins,
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log("watching…");
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
