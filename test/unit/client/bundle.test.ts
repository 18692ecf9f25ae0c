/**
 * The client bundle stays small: the production build of client/src/main.ts (as scripts/build.mjs makes it, with
 * the same plugins) is at most 150 KB, and holds only our own code. No LSP library is bundled: the client speaks
 * LSP itself (client/src/lsp/) and imports the protocol's types only, which the build erases.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as esbuild from "esbuild";

const ROOT = join(__dirname, "../../..");
const TARGET_BYTES = 150 * 1024;

describe("client bundle", () => {
  it("is at most 150 KB minified and carries no library, only client/src and the shared protocol types", async () => {
    const { plugins } = (await import(join(ROOT, "scripts/esbuildPlugins.mjs"))) as { plugins: esbuild.Plugin[] };
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ["client/src/main.ts"],
      outfile: "dist/client/extension.js",
      write: false,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      mainFields: ["module", "main"],
      external: ["vscode"],
      minify: true,
      keepNames: true,
      metafile: true,
      logLevel: "silent",
      plugins,
    });
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint === "client/src/main.ts");
    assert.ok(output, "the client entry was built");
    const inputs = Object.keys(output.inputs).filter((i) => (output.inputs[i]?.bytesInOutput ?? 0) > 0);
    const foreign = inputs.filter((i) => !i.startsWith("client/src/") && !i.startsWith("server/src/"));
    assert.deepEqual(foreign, [], "only our own code in the client bundle");
    assert.ok(
      inputs.some((i) => i.startsWith("client/src/lsp/")),
      "the LSP client is in the bundle",
    );
    assert.ok(output.bytes <= TARGET_BYTES, `client bundle ${(output.bytes / 1024).toFixed(1)} KB > ${TARGET_BYTES / 1024} KB`);
  });
});
