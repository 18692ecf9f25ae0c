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

/** Injected into the browser builds: stand-ins for the Node globals their libraries touch (see the file). */
export const browserInject = [resolve("server/src/browserShims.ts")];
