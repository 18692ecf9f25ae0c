/**
 * The extension's own LSP client layer (client/src/lsp/jsonrpc.ts over lsp/nodeTransport.ts, the way the desktop
 * extension starts the server: a forked process with `--node-ipc`) against the real bundled server: the
 * handshake, the server's requests to the client, an incremental change, a cancelled request, and shutdown/exit
 * ending the process.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import type * as lsp from "vscode-languageserver-protocol";
import { Connection, isCancellation, type Transport } from "../../client/src/lsp/jsonrpc";
import { forkServer } from "../../client/src/lsp/nodeTransport";
import { SERVER_JS } from "./helpers/client";

describe("the extension's LSP client layer against the bundled server (Node IPC)", () => {
  const root = mkdtempSync(join(tmpdir(), "shipshape-own-client-"));
  const uri = pathToFileURL(join(root, "Dockerfile")).toString();
  let transport: Transport;
  let connection: Connection;
  let closedWith: string | undefined;
  const published: lsp.PublishDiagnosticsParams[] = [];
  const registrations: string[] = [];
  const configurationAsked: unknown[] = [];
  const logs: string[] = [];
  const errors: string[] = [];
  let init: lsp.InitializeResult;

  const diagnosticsFor = (accept: (p: lsp.PublishDiagnosticsParams) => boolean, timeoutMs = 10_000) =>
    new Promise<lsp.PublishDiagnosticsParams>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const hit = published.find((p) => p.uri === uri && accept(p));
        if (hit) resolve(hit);
        else if (Date.now() - started > timeoutMs)
          reject(new Error(`no matching diagnostics; seen ${JSON.stringify(published.map((p) => p.version))}`));
        else setTimeout(poll, 20);
      };
      poll();
    });

  before(async () => {
    transport = forkServer(SERVER_JS, (text) => logs.push(text));
    transport.onClose((reason) => (closedWith = reason));
    connection = new Connection(transport, (text) => errors.push(text));
    connection.onNotification("textDocument/publishDiagnostics", (p) => published.push(p as lsp.PublishDiagnosticsParams));
    connection.onNotification("window/logMessage", (p) => logs.push((p as lsp.LogMessageParams).message));
    connection.onRequest("workspace/configuration", (p) => {
      configurationAsked.push(p);
      return (p as lsp.ConfigurationParams).items.map(() => ({ rules: { "dockerfile/pin-base-image": "off" } }));
    });
    connection.onRequest("client/registerCapability", (p) => {
      registrations.push(...(p as lsp.RegistrationParams).registrations.map((r) => r.method));
      return null;
    });
    const rootUri = pathToFileURL(root).toString();
    init = await connection.sendRequest<lsp.InitializeResult>("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "w" }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ["create"] },
          workspaceFolders: true,
        },
      },
      initializationOptions: { clientCommands: ["shipshape.saveAsUtf8"] },
    } satisfies lsp.InitializeParams);
    connection.sendNotification("initialized", {});
  });
  after(() => transport.dispose());

  it("initialize answers the capabilities the client registers providers for", () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: false });
    for (const key of [
      "hoverProvider",
      "completionProvider",
      "codeActionProvider",
      "documentFormattingProvider",
      "documentRangeFormattingProvider",
      "documentSymbolProvider",
      "foldingRangeProvider",
      "definitionProvider",
      "referencesProvider",
      "documentHighlightProvider",
      "renameProvider",
      "documentLinkProvider",
      "inlayHintProvider",
      "semanticTokensProvider",
      "executeCommandProvider",
    ] as const)
      assert.ok(caps[key], `${key} announced`);
    assert.ok(caps.semanticTokensProvider?.legend.tokenTypes.length, "a legend for the semantic tokens");
  });

  it("didOpen brings diagnostics with data; settings are pulled through workspace/configuration", async () => {
    connection.sendNotification("textDocument/didOpen", {
      textDocument: {
        uri,
        languageId: "dockerfile",
        version: 1,
        text: "FROM python:latest\nMAINTAINER Jane <j@x.invalid>\nCMD python app.py\n",
      },
    });
    const p = await diagnosticsFor((x) => x.version === 1);
    const codes = p.diagnostics.map((d) => d.code);
    assert.ok(codes.includes("dockerfile/maintainer-deprecated"), codes.join(", "));
    assert.ok(!codes.includes("dockerfile/pin-base-image"), "the setting from workspace/configuration turned it off");
    assert.ok(configurationAsked.length > 0);
    const d = p.diagnostics.find((x) => x.code === "dockerfile/maintainer-deprecated") as lsp.Diagnostic;
    assert.ok((d.data as { fixes: unknown[] }).fixes.length > 0, "fixes travel in data");
    assert.ok(registrations.includes("workspace/didChangeWatchedFiles"), registrations.join(", "));
    assert.ok(registrations.includes("workspace/didChangeConfiguration"));
  });

  it("an incremental change is linted at its version, and the code action request gets the quick fix", async () => {
    // line 2 (MAINTAINER …) replaced with LABEL: the finding goes
    connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }, rangeLength: 10, text: "LABEL x=" }],
    });
    const p = await diagnosticsFor((x) => x.version === 2);
    assert.ok(!p.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"), JSON.stringify(p.diagnostics.map((d) => d.code)));
    const cmd = p.diagnostics.find((d) => d.code === "dockerfile/exec-form-cmd") as lsp.Diagnostic;
    assert.ok(cmd, "the shell-form CMD is reported");
    const actions = await connection.sendRequest<lsp.CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: cmd.range,
      context: { diagnostics: [cmd], only: ["quickfix"] },
    } satisfies lsp.CodeActionParams);
    assert.ok(
      actions.some((a) => a.kind === "quickfix" && a.edit),
      actions.map((a) => a.title).join(" | "),
    );
  });

  it("a request cancelled by its token is answered at once and the server keeps serving", async () => {
    let cancel: () => void = () => undefined;
    const token = {
      isCancellationRequested: false,
      onCancellationRequested(l: () => void) {
        cancel = () => {
          token.isCancellationRequested = true;
          l();
        };
        return { dispose: () => undefined };
      },
    };
    const pending = connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 1 } }, token);
    cancel();
    await assert.rejects(pending, (e: unknown) => isCancellation(e));
    const hover = await connection.sendRequest<lsp.Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 1 },
    });
    assert.ok(hover, "a hover after the cancelled one");
  });

  it("an unknown request is an error response, not a hang", async () => {
    await assert.rejects(connection.sendRequest("shipshape/noSuchRequest", {}), /Unhandled method|not found/i);
  });

  it("shutdown and exit end the server process", async () => {
    await connection.sendRequest("shutdown");
    connection.sendNotification("exit");
    const started = Date.now();
    while (closedWith === undefined && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
    assert.equal(closedWith, "exit code 0");
    assert.deepEqual(errors, []);
  });
});
