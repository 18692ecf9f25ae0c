// Bundles the extension client, the language server and the CLI with esbuild.
// --production minifies; --watch rebuilds on change.
import * as esbuild from "esbuild";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const entries = [
  { in: "client/src/extension.ts", out: "dist/client/extension", external: ["vscode"] },
  { in: "server/src/server.ts", out: "dist/server/server", external: [] },
  // yaml-language-server (and the prettier it imports at load) in its own file, required on first compose hover
  { in: "server/src/services/yamlService.ts", out: "dist/server/yamlService", external: [] },
  { in: "server/src/cli/main.ts", out: "dist/cli/main", external: [] },
].filter((e) => existsSync(e.in));

if (!watch) rmSync("dist", { recursive: true, force: true });

/** dockerfile-language-service asks Docker Hub for tags while completing FROM; Shipshape never goes on the network. */
const offlineRegistry = {
  name: "offline-registry",
  setup(build) {
    build.onResolve({ filter: /[\\/]dockerRegistryClient$/ }, (args) =>
      /dockerfile-language-service/.test(args.importer) ? { path: resolve("server/src/node/offlineRegistryClient.ts") } : undefined,
    );
  },
};

/**
 * The compose-spec validator as ajv standalone code, generated once per build: the bundles never compile the schema
 * at run time (see server/src/engine/analysis/composeSchemaValidator.ts, which this replaces).
 */
const precompiledComposeValidator = {
  name: "precompiled-compose-validator",
  setup(build) {
    let code;
    build.onResolve({ filter: /[\\/]composeSchemaValidator$/ }, (args) =>
      /[\\/]engine[\\/]analysis$/.test(args.resolveDir) ? { path: "compose-schema-validator", namespace: "precompiled" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "precompiled" }, () => {
      if (!code) {
        const require = createRequire(import.meta.url);
        const Ajv = require("ajv").default;
        const standalone = require("ajv/dist/standalone").default;
        const options = JSON.parse(readFileSync("server/schemas/ajv-options.json", "utf8"));
        const { $schema: _ignored, ...schema } = JSON.parse(readFileSync("server/schemas/compose-spec.schema.json", "utf8"));
        const ajv = new Ajv({ ...options, code: { source: true, esm: false } });
        const generated = standalone(ajv, ajv.compile(schema));
        code = `${generated}\nconst validate = module.exports;\nmodule.exports = { createValidator: () => validate, precompiled: true };\n`;
      }
      return { contents: code, loader: "js", resolveDir: resolve(".") };
    });
  },
};

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
