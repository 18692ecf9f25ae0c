/**
 * The LSP client's lifecycle and host side (client/src/lsp/client.ts) against a stand-in `vscode` and a scripted
 * server: the handshake and the capabilities it declares, document sync for the selector's documents only, the
 * server's registrations (file watchers, the settings section), applyEdit refusing stale edits, shutdown/exit on
 * stop, and restarts after a crash that stop with a message after the fifth crash in three minutes.
 */
import assert from "node:assert/strict";
import Module from "node:module";
import { after, before, beforeEach, describe, it } from "node:test";
import type * as lsp from "vscode-languageserver-protocol";
import type { Message, Transport } from "../../../client/src/lsp/jsonrpc";
import * as stub from "./vscodeStub";

const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleWithResolve._resolveFilename;
before(() => {
  moduleWithResolve._resolveFilename = (request, ...rest) =>
    request === "vscode" ? require.resolve("./vscodeStub") : resolve(request, ...rest);
});
after(() => {
  moduleWithResolve._resolveFilename = resolve;
});

type ClientModule = typeof import("../../../client/src/lsp/client");
const load = async () => (await import("../../../client/src/lsp/client")) as ClientModule;

const CAPABILITIES: lsp.ServerCapabilities = {
  textDocumentSync: { openClose: true, change: 2, save: false },
  hoverProvider: true,
  completionProvider: { resolveProvider: true, triggerCharacters: ["$"] },
  codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.shipshape", "source.sortServiceKeys.shipshape"] },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentLinkProvider: { resolveProvider: false },
  inlayHintProvider: true,
  semanticTokensProvider: { legend: { tokenTypes: ["keyword"], tokenModifiers: [] }, full: true },
  executeCommandProvider: { commands: ["shipshape.server.review", "shipshape.server.refine"] },
};

/** A server played by the test: answers initialize and shutdown, records everything, can crash. */
class FakeServer {
  readonly received: Message[] = [];
  private toClient: (m: Message) => void = () => undefined;
  private closeClient: (reason: string) => void = () => undefined;
  private nextId = 1000;
  private readonly answers = new Map<number | string, (result: unknown) => void>();
  disposed = false;

  constructor(private readonly failsToStart = false) {}

  readonly transport: Transport = {
    send: (m) => {
      this.received.push(structuredClone(m));
      if (m.method === "initialize" && this.failsToStart) queueMicrotask(() => this.crash("exit code 2"));
      else if (m.method === "initialize")
        queueMicrotask(() => this.toClient({ jsonrpc: "2.0", id: m.id, result: { capabilities: CAPABILITIES } }));
      else if (m.method === "shutdown") queueMicrotask(() => this.toClient({ jsonrpc: "2.0", id: m.id, result: null }));
      else if (m.method === undefined && m.id !== undefined && m.id !== null) this.answers.get(m.id)?.(m.result ?? m.error);
    },
    onMessage: (l) => (this.toClient = l),
    onClose: (l) => (this.closeClient = l),
    dispose: () => (this.disposed = true),
  };

  methods(): string[] {
    return this.received.map((m) => m.method ?? `response ${String(m.id)}`);
  }
  notify(method: string, params: unknown): void {
    this.toClient({ jsonrpc: "2.0", method, params });
  }
  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((res) => {
      this.answers.set(id, res);
      this.toClient({ jsonrpc: "2.0", id, method, params });
    });
  }
  crash(reason = "exit code 1"): void {
    this.closeClient(reason);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const waitUntil = async (what: string, probe: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const SELECTOR = [
  { language: "dockerfile" },
  { language: "dockercompose" },
  { language: "yaml", pattern: "**/{compose,docker-compose}*.{yml,yaml}" },
  { pattern: "**/{.dockerignore,*.dockerignore,.containerignore}" },
];

async function started(servers: FakeServer[] = []) {
  const { LspClient, State } = await load();
  const client = new LspClient({
    documentSelector: SELECTOR,
    initializationOptions: { clientCommands: ["shipshape.saveAsUtf8"] },
    outputChannel: stub.outputChannel() as never,
    processId: 42,
    connect: async () => {
      const s = new FakeServer();
      servers.push(s);
      return s.transport;
    },
  });
  await client.start();
  assert.equal(client.state, State.Running);
  return { client, servers, State };
}

beforeEach(() => stub.host.reset());

describe("LSP client lifecycle", () => {
  it("initialize declares what the server reads; initialized follows; providers follow the capabilities", async () => {
    stub.host.documents = [
      stub.document("file:///work/app/Dockerfile", "dockerfile", "FROM alpine:3.20\n"),
      stub.document("file:///work/app/README.md", "markdown", "# x\n"),
      stub.document("file:///work/app/.dockerignore", "plaintext", ".git\n"),
    ];
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    const init = server.received[0] as Message & { params: lsp.InitializeParams };
    assert.equal(init.method, "initialize");
    const caps = init.params.capabilities;
    assert.equal(caps.workspace?.configuration, true);
    assert.equal(caps.workspace?.didChangeConfiguration?.dynamicRegistration, true);
    assert.equal(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration, true);
    assert.equal(caps.workspace?.workspaceEdit?.documentChanges, true);
    assert.ok(caps.workspace?.workspaceEdit?.resourceOperations?.includes("create"), "fixes that create files are offered");
    assert.equal(caps.workspace?.semanticTokens?.refreshSupport, true);
    assert.equal(caps.workspace?.workspaceFolders, true);
    assert.equal(caps.textDocument?.publishDiagnostics?.dataSupport, true);
    assert.equal(init.params.processId, 42);
    assert.deepEqual(init.params.workspaceFolders, [{ uri: "file:///work/app", name: "app" }]);
    assert.deepEqual(init.params.initializationOptions, { clientCommands: ["shipshape.saveAsUtf8"] });
    assert.deepEqual(server.methods(), ["initialize", "initialized", "textDocument/didOpen", "textDocument/didOpen"]);
    const opened = server.received
      .filter((m) => m.method === "textDocument/didOpen")
      .map((m) => (m.params as lsp.DidOpenTextDocumentParams).textDocument.uri);
    assert.deepEqual(opened, ["file:///work/app/Dockerfile", "file:///work/app/.dockerignore"], "only the selector's documents");
    assert.deepEqual(stub.host.providers.sort(), [
      "codeAction",
      "completion",
      "definition",
      "documentHighlight",
      "documentLink",
      "documentSymbol",
      "foldingRange",
      "formatting",
      "hover",
      "inlayHint",
      "rangeFormatting",
      "references",
      "rename",
      "semanticTokens",
    ]);
    assert.deepEqual(stub.host.commands, ["shipshape.server.review", "shipshape.server.refine"]);
    await client.dispose();
  });

  it("syncs changes and closes of the documents it opened, nothing of the others", async () => {
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    const compose = stub.document("file:///work/app/compose.yaml", "dockercompose", "services: {}\n");
    const notes = stub.document("file:///work/app/notes.txt", "plaintext", "x");
    stub.host.open.fire(compose);
    stub.host.open.fire(notes);
    compose.version = 2;
    stub.host.change.fire({ document: compose, contentChanges: [{ range: new stub.Range(0, 10, 0, 12), rangeLength: 2, text: "{a: 1}" }] });
    stub.host.change.fire({ document: compose, contentChanges: [] }); // a dirty-state change: nothing to send
    stub.host.change.fire({ document: notes, contentChanges: [{ range: new stub.Range(0, 0, 0, 0), rangeLength: 0, text: "y" }] });
    stub.host.close.fire(compose);
    stub.host.close.fire(notes);
    const after = server.received.slice(2);
    assert.deepEqual(
      after.map((m) => m.method),
      ["textDocument/didOpen", "textDocument/didChange", "textDocument/didClose"],
    );
    assert.deepEqual(after[1]?.params, {
      textDocument: { uri: "file:///work/app/compose.yaml", version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 12 } }, rangeLength: 2, text: "{a: 1}" }],
    });
    await client.dispose();
  });

  it("stop sends shutdown then exit, ends the server, and a close afterwards is no crash", async () => {
    const { servers, client, State } = await started();
    const server = servers[0] as FakeServer;
    await client.stop();
    assert.deepEqual(server.methods().slice(-2), ["shutdown", "exit"]);
    assert.equal(client.state, State.Stopped);
    await waitUntil("the transport to be ended", () => server.disposed);
    server.crash("exit code 0");
    await flush();
    assert.equal(servers.length, 1, "not restarted");
    assert.deepEqual(stub.host.messages, []);
  });

  it("a crash restarts the server, reopens the documents and clears the old diagnostics", async () => {
    stub.host.documents = [stub.document("file:///work/app/Dockerfile", "dockerfile", "FROM alpine:3.20\n")];
    const { servers, client, State } = await started();
    (servers[0] as FakeServer).notify("textDocument/publishDiagnostics", {
      uri: "file:///work/app/Dockerfile",
      diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: "m", code: "x" }],
    });
    assert.equal(stub.host.diagnostics.get("file:///work/app/Dockerfile")?.length, 1);
    (servers[0] as FakeServer).crash();
    await waitUntil("a restart", () => servers.length === 2 && client.state === State.Running);
    assert.equal(stub.host.diagnostics.size, 0, "the crashed server's diagnostics are gone");
    assert.deepEqual((servers[1] as FakeServer).methods(), ["initialize", "initialized", "textDocument/didOpen"]);
    assert.ok(stub.host.log.some((l) => l.level === "error" && /stopped unexpectedly \(exit code 1\)/.test(l.text)));
    assert.equal(stub.host.providers.length, 14, "providers are registered once, not per restart");
    await client.dispose();
  });

  it("after the fifth crash in three minutes it stays down and says so", async () => {
    const { servers, client, State } = await started();
    for (let i = 0; i < 4; i++) {
      (servers[i] as FakeServer).crash();
      await waitUntil(`restart ${i + 1}`, () => servers.length === i + 2 && client.state === State.Running);
    }
    (servers[4] as FakeServer).crash();
    await flush();
    await flush();
    assert.equal(servers.length, 5, "no sixth start");
    assert.equal(client.state, State.Stopped);
    assert.equal(stub.host.messages.length, 1);
    assert.match(stub.host.messages[0]?.text ?? "", /crashed 5 times in the last 3 minutes and will not be restarted/);
    await assert.rejects(client.sendRequest("workspace/executeCommand", {}), /not running/);
    await client.dispose();
  });
  it("a server that crashes and then cannot start again is reported, not retried forever", async () => {
    const { LspClient, State } = await load();
    const servers: FakeServer[] = [];
    const client = new LspClient({
      documentSelector: SELECTOR,
      initializationOptions: {},
      outputChannel: stub.outputChannel() as never,
      processId: null,
      connect: async () => {
        const s = new FakeServer(servers.length > 0);
        servers.push(s);
        return s.transport;
      },
    });
    await client.start();
    (servers[0] as FakeServer).crash();
    await waitUntil("the failed restart to be reported", () => stub.host.messages.length > 0);
    assert.equal(servers.length, 2);
    assert.equal(client.state, State.Stopped);
    assert.match(stub.host.messages[0]?.text ?? "", /stopped and did not restart/);
    assert.ok(
      stub.host.log.some((l) => /did not restart: .*exit code 2/.test(l.text)),
      stub.host.log.map((l) => l.text).join("\n"),
    );
    await client.dispose();
  });
});

describe("LSP client: what the server asks", () => {
  it("workspace/configuration answers plain copies of the settings per item", async () => {
    stub.host.settings = { shipshape: { rules: { "dockerfile/pin-base-image": "off" } } };
    const { servers, client } = await started();
    const answer = await (servers[0] as FakeServer).request("workspace/configuration", {
      items: [{ scopeUri: "file:///work/app/Dockerfile", section: "shipshape" }, { section: "nothing" }],
    });
    assert.deepEqual(answer, [{ rules: { "dockerfile/pin-base-image": "off" } }, null]);
    await client.dispose();
  });

  it("registered file watchers: one VS Code watcher per glob, events batched into one notification, gone on unregister", async () => {
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    await server.request("client/registerCapability", {
      registrations: [
        { id: "w1", method: "workspace/didChangeWatchedFiles", registerOptions: { watchers: [{ globPattern: "**/{.env,compose*.yml}" }] } },
      ],
    });
    assert.equal(stub.host.watchers.length, 1);
    const w = stub.host.watchers[0] as (typeof stub.host.watchers)[number];
    assert.equal(w.pattern, "**/{.env,compose*.yml}");
    w.change.fire(stub.Uri.parse("file:///work/app/.env"));
    w.create.fire(stub.Uri.parse("file:///work/app/compose.override.yml"));
    w.delete.fire(stub.Uri.parse("file:///work/app/compose.old.yml"));
    await waitUntil("the batched file events", () => server.received.some((m) => m.method === "workspace/didChangeWatchedFiles"));
    const sent = server.received.filter((m) => m.method === "workspace/didChangeWatchedFiles");
    assert.equal(sent.length, 1);
    assert.deepEqual((sent[0]?.params as lsp.DidChangeWatchedFilesParams).changes, [
      { uri: "file:///work/app/.env", type: 2 },
      { uri: "file:///work/app/compose.override.yml", type: 1 },
      { uri: "file:///work/app/compose.old.yml", type: 3 },
    ]);
    await server.request("client/unregisterCapability", { unregisterations: [{ id: "w1", method: "workspace/didChangeWatchedFiles" }] });
    assert.equal(w.disposed, true);
    await client.dispose();
  });

  it("the registered settings section is sent at once and again when it changes", async () => {
    stub.host.settings = { shipshape: { inlayHints: false } };
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    await server.request("client/registerCapability", {
      registrations: [{ id: "c1", method: "workspace/didChangeConfiguration", registerOptions: { section: "shipshape" } }],
    });
    stub.host.settings = { shipshape: { inlayHints: true } };
    stub.host.configuration.fire({ affectsConfiguration: (s) => s === "editor" });
    stub.host.configuration.fire({ affectsConfiguration: (s) => s === "shipshape" });
    const sent = server.received.filter((m) => m.method === "workspace/didChangeConfiguration").map((m) => m.params);
    assert.deepEqual(sent, [{ settings: { shipshape: { inlayHints: false } } }, { settings: { shipshape: { inlayHints: true } } }]);
    await client.dispose();
  });

  it("workspace/applyEdit applies a current edit and refuses one pinned to an old version", async () => {
    stub.host.documents = [stub.document("file:///work/app/Dockerfile", "dockerfile", "FROM alpine:3.20\n", 3)];
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    const edit = (version: number) => ({
      edit: { documentChanges: [{ textDocument: { uri: "file:///work/app/Dockerfile", version }, edits: [] }] },
    });
    assert.deepEqual(await server.request("workspace/applyEdit", edit(3)), { applied: true });
    const stale = (await server.request("workspace/applyEdit", edit(2))) as { applied: boolean; failureReason: string };
    assert.equal(stale.applied, false);
    assert.match(stale.failureReason, /changed meanwhile/);
    assert.equal(stub.host.applied.length, 1);
    await client.dispose();
  });

  it("log and show messages go to the output channel and the notifications; the trace setting logs the traffic", async () => {
    stub.host.settings = { "shipshape.trace.server": "messages" };
    const { servers, client } = await started();
    const server = servers[0] as FakeServer;
    server.notify("window/logMessage", { type: 4, message: "ready" });
    server.notify("window/logMessage", { type: 1, message: "broken" });
    server.notify("window/showMessage", { type: 2, message: "Shipshape configuration: defaults apply" });
    assert.ok(stub.host.log.some((l) => l.level === "info" && l.text === "ready"));
    assert.ok(stub.host.log.some((l) => l.level === "error" && l.text === "broken"));
    assert.deepEqual(stub.host.messages, [{ level: "warning", text: "Shipshape configuration: defaults apply" }]);
    assert.ok(
      stub.host.log.some((l) => l.text.startsWith("[Trace] Sending request 'initialize - (1)'")),
      stub.host.log.map((l) => l.text).join("\n"),
    );
    await client.dispose();
  });

  it("the server's custom requests reach handlers set before start, across restarts", async () => {
    const { LspClient } = await load();
    const servers: FakeServer[] = [];
    const client = new LspClient({
      documentSelector: SELECTOR,
      initializationOptions: {},
      outputChannel: stub.outputChannel() as never,
      processId: null,
      connect: async () => {
        const s = new FakeServer();
        servers.push(s);
        return s.transport;
      },
    });
    client.onRequest("shipshape/fs/readFile", (p: { uri: string }) => `text of ${p.uri}`);
    await client.start();
    assert.equal(
      await (servers[0] as FakeServer).request("shipshape/fs/readFile", { uri: "vscode-vfs://github/a/b/.env" }),
      "text of vscode-vfs://github/a/b/.env",
    );
    (servers[0] as FakeServer).crash();
    await waitUntil("the restart", () => servers.length === 2);
    await flush();
    assert.equal(await (servers[1] as FakeServer).request("shipshape/fs/readFile", { uri: "x:/y" }), "text of x:/y");
    await client.dispose();
  });
});
