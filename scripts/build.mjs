// Bundles the extension client, the language server and the CLI with esbuild.
// --production minifies; --watch rebuilds on change.
import * as esbuild from "esbuild";
import { existsSync, rmSync } from "node:fs";
import { browserInject, offlineRegistry, precompiledComposeValidator } from "./esbuildPlugins.mjs";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const entries = [
  { in: "client/src/extension.ts", out: "dist/client/extension", external: ["vscode"] },
  { in: "server/src/server.ts", out: "dist/server/server", external: [] },
  // yaml-language-server (and the prettier it imports at load) in its own file, required on first compose hover
  { in: "server/src/services/yamlService.ts", out: "dist/server/yamlService", external: [] },
  { in: "server/src/cli/main.ts", out: "dist/cli/main", external: [] },
  // the web extension: the client in VS Code's web worker extension host, the server in a web worker of its own
  { in: "client/src/browserExtension.ts", out: "dist/client/browserExtension", external: ["vscode"], platform: "browser", format: "cjs" },
  { in: "server/src/browserServer.ts", out: "dist/server/browserServer", external: [], platform: "browser", format: "iife" },
].filter((e) => existsSync(e.in));

if (!watch) rmSync("dist", { recursive: true, force: true });

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      outdir: ".",
      bundle: true,
      platform: e.platform ?? "node",
      target: e.platform === "browser" ? "es2022" : "node20",
      format: e.format ?? "cjs",
      // jsonc-parser's UMD build fails at start-up ("Cannot find module './impl/format'") unless the ESM build is picked
      mainFields: ["module", "main"],
      external: e.external,
      inject: e.platform === "browser" ? browserInject : [],
      sourcemap: production ? false : "linked",
      minify: production,
      keepNames: true,
      logLevel: "warning",
      legalComments: "linked",
      metafile: true,
      plugins: [offlineRegistry, precompiledComposeValidator],
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
