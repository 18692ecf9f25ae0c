/**
 * The engine and the server core run in a browser web worker: bundled for `platform: "browser"`, nothing may
 * come from Node (a Node built-in does not resolve there, so the bundle would fail), and nothing from the
 * Node-only folders (server/src/node, server/src/cli). The Node entry's extras enter through startServer's host.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import * as vm from "node:vm";
import * as esbuild from "esbuild";

const ROOT = join(__dirname, "../../..");
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The build's own plugins (scripts/build.mjs). */
async function buildConfig(): Promise<{ plugins: esbuild.Plugin[] }> {
  const m = (await import(join(ROOT, "scripts/esbuildPlugins.mjs"))) as { plugins: esbuild.Plugin[] };
  return { plugins: m.plugins };
}

async function browserBuild(entries: string[], external: string[] = []): Promise<esbuild.BuildResult & { metafile: esbuild.Metafile }> {
  const { plugins } = await buildConfig();
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    bundle: true,
    write: false,
    outdir: "out",
    platform: "browser",
    format: "iife",
    mainFields: ["module", "main"],
    external,
    metafile: true,
    logLevel: "silent",
    plugins,
  });
}

async function browserBundle(entry: string, external: string[] = []): Promise<esbuild.Metafile> {
  return (await browserBuild([entry], external)).metafile;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

function nodeOnly(meta: esbuild.Metafile): string[] {
  const out: string[] = [];
  for (const [input, info] of Object.entries(meta.inputs)) {
    if (/^server\/src\/(node|cli)\//.test(input)) out.push(input);
    for (const imp of info.imports) if (NODE_BUILTINS.has(imp.path)) out.push(`${input} -> ${imp.path}`);
  }
  return out;
}

describe("portable server core", () => {
  it("the browser server entry (startServer, services, handlers, engine) bundles for the browser with nothing from Node", async () => {
    const meta = await browserBundle("server/src/browserServer.ts");
    const inputs = Object.keys(meta.inputs);
    for (const part of [
      "server/src/startServer.ts",
      "server/src/engine/linter.ts",
      "server/src/services/commands.ts",
      "server/src/handlers/hover.ts",
    ])
      assert.ok(inputs.includes(part), `${part} is in the bundle`);
    assert.deepEqual(nodeOnly(meta), []);
  });

  it("every module of the engine, the services, the handlers and startServer bundles for the browser with nothing from Node", async () => {
    // services/yamlService.ts is yaml-language-server, a bundle of its own that only the Node entry loads (node/yamlLoader.ts)
    const entries = [
      ...tsFiles("server/src/engine"),
      ...tsFiles("server/src/services").filter((f) => !f.endsWith("services/yamlService.ts")),
      ...tsFiles("server/src/handlers"),
      "server/src/startServer.ts",
    ];
    assert.ok(entries.length > 150, `${entries.length} modules`);
    // one bundle importing every module (one bundle per module would take ten times as long)
    const { plugins } = await buildConfig();
    const built = await esbuild.build({
      absWorkingDir: ROOT,
      stdin: { contents: entries.map((e) => `import "./${e}";`).join("\n"), resolveDir: ROOT, loader: "ts" },
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      mainFields: ["module", "main"],
      metafile: true,
      logLevel: "silent",
      plugins,
    });
    for (const e of entries) assert.ok(e in built.metafile.inputs, `${e} is in the bundle`);
    assert.deepEqual(nodeOnly(built.metafile), []);
  });

  it("the web client bundles for the browser with nothing from Node", async () => {
    const meta = await browserBundle("client/src/browserExtension.ts", ["vscode"]);
    assert.deepEqual(nodeOnly(meta), []);
    const engine = Object.keys(meta.inputs).filter(
      (i) => i.startsWith("server/src/") && !/engine\/choices\.ts$|services\/protocol\.ts$/.test(i),
    );
    assert.deepEqual(engine, [], "the client carries no engine or server code beyond the choice lists and the protocol");
  });

  it("would notice a Node import (the check can fail)", async () => {
    const meta = await browserBundle("server/src/server.ts").catch((e: unknown) => e);
    // the Node entry either fails to bundle for the browser or shows its Node imports
    assert.ok(meta instanceof Error || nodeOnly(meta as esbuild.Metafile).length > 0);
  });

  it("the server bundle runs in a worker-shaped sandbox (no require, process or Buffer) and reads neighbours through the client", async () => {
    // built as scripts/build.mjs builds dist/server/server.js, which the web client starts in a worker
    const built = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ["server/src/main.ts"],
      bundle: true,
      write: false,
      platform: "node",
      target: "node20",
      format: "cjs",
      mainFields: ["module", "main"],
      logLevel: "silent",
      plugins: (await buildConfig()).plugins,
    });
    const code = built.outputFiles[0]?.text ?? "";
    // the client's workspace.fs: a virtual workspace (memfs:), as on vscode.dev
    const run = async (files: Record<string, string>) => {
      const sent: { id?: number; method?: string; params?: { uri?: string; diagnostics?: { code?: string }[] } }[] = [];
      const asked: string[] = [];
      const scope: Record<string, unknown> = {
        console: { log() {}, error() {}, warn() {}, info() {} },
        setTimeout,
        clearTimeout,
        queueMicrotask,
        TextEncoder,
        TextDecoder,
        addEventListener() {},
        postMessage(m: (typeof sent)[number]) {
          sent.push(m);
          // answer the server's requests as the web client does
          if (m.id === undefined || !m.method) return;
          let result: unknown = null;
          if (m.method.startsWith("shipshape/fs/")) {
            const uri = m.params?.uri ?? "";
            asked.push(`${m.method.slice(13)} ${uri}`);
            const names = Object.keys(files);
            if (m.method.endsWith("readFile")) result = files[uri] ?? null;
            else if (m.method.endsWith("stat"))
              result = files[uri] !== undefined ? "file" : names.some((n) => n.startsWith(`${uri}/`)) ? "directory" : null;
            else if (m.method.endsWith("readDir")) {
              const inside = names.filter((n) => n.startsWith(`${uri}/`)).map((n) => n.slice(uri.length + 1).split("/")[0] as string);
              result = inside.length ? [...new Set(inside)] : null;
            }
          } else if (m.method === "workspace/configuration") result = [{}];
          setTimeout(() => deliver({ jsonrpc: "2.0", id: m.id, result }), 1);
        },
      };
      scope.self = scope;
      const deliver = (m: object) => (scope.onmessage as (e: { data: object }) => void)({ data: m });
      for (const name of ["require", "process", "Buffer", "module"]) assert.equal(name in scope, false, `${name} is not in the sandbox`);
      vm.runInContext(code, vm.createContext(scope), { filename: "server.js" });
      // the bundle picks its entry asynchronously (a dynamic import): wait for the connection to listen
      for (let i = 0; i < 100 && typeof scope.onmessage !== "function"; i++) await new Promise((r) => setTimeout(r, 10));
      deliver({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
      await new Promise((r) => setTimeout(r, 50));
      deliver({ jsonrpc: "2.0", method: "initialized", params: {} });
      const uri = "memfs://demo/proj/Dockerfile";
      const text = "FROM python:3.13-slim\nMAINTAINER jane@example.com\nWORKDIR /app\nCOPY . .\n";
      deliver({
        jsonrpc: "2.0",
        method: "textDocument/didOpen",
        params: { textDocument: { uri, languageId: "dockerfile", version: 1, text } },
      });
      const deadline = Date.now() + 10_000;
      const published = () => sent.filter((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === uri);
      while (published().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      // a server command (what the client's Review runs) answers in the worker too
      deliver({
        jsonrpc: "2.0",
        id: 2,
        method: "workspace/executeCommand",
        params: { command: "shipshape.server.review", arguments: [{ uri }] },
      });
      let review: { result?: { markdown?: string } } | undefined;
      while (!review && Date.now() < deadline) {
        review = sent.find((m) => m.id === 2 && !m.method) as typeof review;
        await new Promise((r) => setTimeout(r, 20));
      }
      // compose hovers and key completion come from the compose schema itself (no yaml-language-server here)
      const composeUri = "memfs://demo/proj/compose.yaml";
      const composeText = "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n    \n";
      deliver({
        jsonrpc: "2.0",
        method: "textDocument/didOpen",
        params: { textDocument: { uri: composeUri, languageId: "dockercompose", version: 1, text: composeText } },
      });
      deliver({
        jsonrpc: "2.0",
        id: 3,
        method: "textDocument/hover",
        params: { textDocument: { uri: composeUri }, position: { line: 3, character: 6 } },
      });
      deliver({
        jsonrpc: "2.0",
        id: 4,
        method: "textDocument/completion",
        params: { textDocument: { uri: composeUri }, position: { line: 5, character: 4 } },
      });
      const answer = async (id: number) => {
        for (;;) {
          const m = sent.find((x) => x.id === id && !x.method) as { result?: unknown } | undefined;
          if (m || Date.now() > deadline) return m?.result;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const hover = (await answer(3)) as { contents?: { value?: string } } | null | undefined;
      const completion = (await answer(4)) as { items?: { label: string }[] } | null | undefined;
      return {
        published: published().map((m) => (m.params?.diagnostics ?? []).map((d) => d.code)),
        asked,
        review: review?.result?.markdown ?? JSON.stringify(review),
        composeHover: hover?.contents?.value ?? "",
        composeKeys: (completion?.items ?? []).map((i) => i.label),
      };
    };

    const without = await run({ "memfs://demo/proj/Dockerfile": "" });
    assert.ok(without.published.length > 0, "diagnostics were published");
    assert.ok(without.published[0]?.includes("dockerfile/maintainer-deprecated"), JSON.stringify(without.published));
    assert.ok(without.published[0]?.includes("dockerfile/dockerignore-present"), "no .dockerignore: the finding is there");
    assert.ok(without.asked.includes("stat memfs://demo/proj/.dockerignore"), JSON.stringify(without.asked));
    assert.match(without.review, /MAINTAINER/, "the review report names the finding");
    assert.match(without.composeHover, /\*\*ports\*\* \(compose specification\)/, without.composeHover);
    assert.ok(without.composeKeys.includes("healthcheck"), JSON.stringify(without.composeKeys));
    assert.ok(!without.composeKeys.includes("image"), "a key already in the block is not offered again");

    const withIgnore = await run({ "memfs://demo/proj/Dockerfile": "", "memfs://demo/proj/.dockerignore": ".git\n.env\n" });
    // the first publish already knows the file: the lint waited for the client's answer instead of guessing "missing"
    for (const codes of withIgnore.published) assert.ok(!codes.includes("dockerfile/dockerignore-present"), JSON.stringify(codes));
    assert.ok(withIgnore.published[0]?.includes("dockerfile/maintainer-deprecated"));
  });
});
