import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import {
  CompletionItemKind,
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  SemanticTokensRequest,
  type CompletionList,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { TokensLegend } from "dockerfile-language-service/lib/dockerSemanticTokens";
import { DOCKERFILE_SEMANTIC_TOKENS_LEGEND } from "../../server/src/services/dockerfileService";
import { SERVER_JS, startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = "FROM python:3.13-slim AS base\nMAINTAINER Jane\nARG VERSION=1\nRUN echo $VERSION # note\n";

describe("protocol", () => {
  const servers: TestServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  it("--stdio works for a generic client without workspace/configuration, with settings pushed at start", async () => {
    const server = await startServer({
      capabilities: {},
      initializationOptions: { settings: { rules: { "dockerfile/maintainer-deprecated": "error" } } },
      open: { name: "Dockerfile", languageId: "dockerfile", text: DOCKERFILE },
    });
    servers.push(server);
    const p = server.published[0] as PublishDiagnosticsParams;
    assert.equal(p.diagnostics.find((d) => d.code === "dockerfile/maintainer-deprecated")?.severity, 1);
    assert.equal(server.initializeResult.serverInfo?.name, "shipshape");
    // generic clients push settings with didChangeConfiguration
    const count = server.published.length;
    server.setSettings({ rules: { "dockerfile/maintainer-deprecated": "off" } });
    const off = await server.waitForDiagnostics(p.uri, (x) => server.published.indexOf(x) >= count);
    assert.ok(!off.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
  });

  it("--node-ipc works (VS Code's transport)", async () => {
    const child = fork(SERVER_JS, ["--node-ipc"], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const got = new Promise<PublishDiagnosticsParams>((res) => connection.onNotification(PublishDiagnosticsNotification.type, res));
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(init.capabilities.hoverProvider);
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: "untitled:Untitled-1", languageId: "dockerfile", version: 1, text: DOCKERFILE },
      });
      const p = await got;
      assert.ok(p.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it("declares dockerfile-language-service's semantic token legend and emits only its types", async () => {
    const lib = TokensLegend as unknown as { tokenTypes: Record<string, number>; tokenModifiers: Record<string, number> };
    const types = Object.entries(lib.tokenTypes)
      .sort((a, b) => a[1] - b[1])
      .map(([k]) => k);
    assert.deepEqual(DOCKERFILE_SEMANTIC_TOKENS_LEGEND.tokenTypes, types);
    const modifiers = Object.entries(lib.tokenModifiers)
      .sort((a, b) => a[1] - b[1])
      .map(([k]) => k);
    assert.deepEqual(DOCKERFILE_SEMANTIC_TOKENS_LEGEND.tokenModifiers, modifiers);

    const server = await startServer({ open: { name: "Dockerfile", languageId: "dockerfile", text: DOCKERFILE } });
    servers.push(server);
    assert.deepEqual(server.initializeResult.capabilities.semanticTokensProvider?.legend, DOCKERFILE_SEMANTIC_TOKENS_LEGEND);
    const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: server.uriOf("Dockerfile") } });
    assert.ok(tokens && tokens.data.length > 0 && tokens.data.length % 5 === 0);
    for (let i = 3; i < tokens.data.length; i += 5) {
      assert.ok((tokens.data[i] as number) < types.length, `token type ${tokens.data[i]} outside the legend`);
      assert.ok((tokens.data[i + 1] as number) < 1 << modifiers.length);
    }
  });

  it("never asks Docker Hub: the registry client is replaced in the bundle, FROM tag completion answers at once", async () => {
    const bundle = readFileSync(SERVER_JS, "utf8");
    assert.ok(!bundle.includes("auth.docker.io") && !bundle.includes("tags/list"), "Docker Hub client still in the bundle");
    const server = servers[servers.length - 1] as TestServer;
    const doc = server.open("tags/Dockerfile", "dockerfile", "FROM python:3\n");
    const started = Date.now();
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: doc.uri },
      position: { line: 0, character: 13 },
    })) as CompletionList | null;
    assert.ok(Date.now() - started < 3000);
    assert.deepEqual(list?.items ?? [], []);
  });

  it("languageFeatures auto: with Docker DX installed, base hovers go away but rule hovers stay", async () => {
    const server = await startServer({
      initializationOptions: { otherProviders: { dockerfile: ["docker.docker"], compose: ["docker.docker"] } },
      open: {
        name: "Dockerfile",
        languageId: "dockerfile",
        text: "FROM python:3.13-slim\nMAINTAINER Jane\nWORKDIR /app\nUSER 1000\nFOO bar\n",
      },
    });
    servers.push(server);
    const uri = server.uriOf("Dockerfile");
    const p = server.published[0] as PublishDiagnosticsParams;
    assert.ok(!p.diagnostics.some((d) => d.source === "dockerfile-utils"), "Docker DX reports syntax errors itself");
    const hover = (line: number) =>
      server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 1 } });
    assert.equal(await hover(2), null);
    assert.match(((await hover(1))?.contents as MarkupContent).value, /maintainer-deprecated/);
    // no base completion (Docker DX gives it); Shipshape's own snippets stay, as when they were static snippets
    const completion = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 2, character: 0 },
    })) as CompletionList | null;
    assert.ok(completion && completion.items.length > 0, "Shipshape's snippets are offered");
    assert.deepEqual(
      completion.items.filter((i) => i.kind !== CompletionItemKind.Snippet).map((i) => i.label),
      [],
    );

    server.setSettings({ languageFeatures: "on" });
    await new Promise((r) => setTimeout(r, 200));
    assert.match(((await hover(2))?.contents as MarkupContent).value, /docs\.docker\.com/);
    server.setSettings({ languageFeatures: "off" });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await hover(2), null);
  });
});
