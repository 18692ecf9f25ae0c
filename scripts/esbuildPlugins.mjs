// esbuild plugins shared by the build (scripts/build.mjs) and the portability test (test/unit/server/portable.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

/** dockerfile-language-service asks Docker Hub for tags while completing FROM; Shipshape never goes on the network. */
export const offlineRegistry = {
  name: "offline-registry",
  setup(build) {
    build.onResolve({ filter: /[\\/]dockerRegistryClient$/ }, (args) =>
      /dockerfile-language-service/.test(args.importer) ? { path: resolve("server/src/services/offlineRegistryClient.ts") } : undefined,
    );
  },
};

/**
 * The compose-spec validator as ajv standalone code, generated once per build: the bundles never compile the schema
 * at run time (see server/src/engine/analysis/composeSchemaValidator.ts, which this replaces).
 */
export const precompiledComposeValidator = {
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

/**
 * dockerfile-ast tests a character for the UTF-8 byte order mark with `Buffer.from(char, "UTF-8")`; a web worker has
 * no Buffer, so every Dockerfile lint failed there. The same test with TextEncoder, which Node and browsers have.
 */
export const dockerfileAstWithoutBuffer = {
  name: "dockerfile-ast-without-buffer",
  setup(build) {
    build.onLoad({ filter: /[\\/]dockerfile-ast[\\/]lib[\\/]util\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const from = 'Uint8Array.from(Buffer.from(char, "UTF-8"))';
      if (!text.includes(from)) throw new Error(`${args.path}: the Buffer use this plugin replaces is gone; check the plugin`);
      return { contents: text.replace(from, "new TextEncoder().encode(char)"), loader: "js" };
    });
  },
};

/**
 * yaml-language-server's formatter imports prettier (456 KB minified); Shipshape turns its formatting off
 * (services/yamlService.ts: `format: false`), so prettier is left out and a stand-in throws if it is ever called.
 */
export const withoutPrettier = {
  name: "without-prettier",
  setup(build) {
    build.onResolve({ filter: /^prettier(\/.*)?$/ }, (args) =>
      /yaml-language-server/.test(args.importer) ? { path: args.path, namespace: "no-prettier" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "no-prettier" }, () => ({
      contents: 'export function format() { throw new Error("YAML formatting is not part of the Shipshape bundle"); }\n',
      loader: "js",
    }));
  },
};

/**
 * The server bundle carries both entries (Node and web worker) and is built for Node, where the `browser`-only
 * exports of vscode-languageserver and its protocol packages do not resolve; they are named here directly.
 */
export const browserSubpaths = {
  name: "browser-subpaths",
  setup(build) {
    build.onResolve({ filter: /^vscode-(languageserver|languageserver-protocol|jsonrpc)\/browser$/ }, (args) => ({
      path: resolve("node_modules", args.path.replace(/\/browser$/, ""), "lib", "browser", "main.js"),
    }));
  },
};

/**
 * The `yaml` package's Node build requires `process` and `buffer`; its browser build (the same code, guarded) runs
 * in Node and in a worker, so the server bundle, which is both, takes that one.
 */
export const yamlForBothHosts = {
  name: "yaml-for-both-hosts",
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve("node_modules/yaml/browser/index.js") }));
  },
};

/** Every plugin, in the order the build uses them. */
export const plugins = [
  offlineRegistry,
  precompiledComposeValidator,
  dockerfileAstWithoutBuffer,
  withoutPrettier,
  browserSubpaths,
  yamlForBothHosts,
];
