import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SemanticTokensRequest,
  type CompletionList,
} from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = "FROM python:3.13-slim AS build\nRUN echo a && \\\n    echo b\n\nFROM build\n  workdir /app\n";
const COMPOSE = "services:\n  web:\n    image: nginx:1.27\n    \n";

describe("base language features", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ open: { name: "Dockerfile", languageId: "dockerfile", text: DOCKERFILE } });
  });
  after(() => server.stop());

  it("formats, outlines and folds Dockerfiles through dockerfile-language-service", async () => {
    const textDocument = { uri: server.uriOf("Dockerfile") };
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument,
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.ok(edits && edits.some((e) => e.range.start.line === 5), "the indented WORKDIR is re-indented");
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    assert.ok(symbols && symbols.length >= 4);
    const folds = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
    assert.ok(folds && folds.some((f) => f.startLine === 1 && f.endLine === 2));
  });

  it("completes Dockerfile instructions", async () => {
    const doc = server.open("complete/Dockerfile", "dockerfile", "FROM alpine:3.20\nHEALTH");
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: doc.uri },
      position: { line: 1, character: 6 },
    })) as CompletionList | null;
    assert.ok(list?.items.some((i) => i.label.startsWith("HEALTHCHECK")));
  });

  it("completes compose keys from the schema, offering !reset only once a tag is started", async () => {
    const doc = server.open("compose.yaml", "dockercompose", COMPOSE);
    await server.waitForDiagnostics(doc.uri);
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: doc.uri },
      position: { line: 3, character: 4 },
    })) as CompletionList | null;
    const labels = list?.items.map((i) => i.label) ?? [];
    assert.ok(labels.includes("healthcheck"), labels.join(", "));
    assert.ok(!labels.some((l) => l.startsWith("!")));

    const tagged = server.open("tags/compose.yaml", "dockercompose", "services:\n  web:\n    image: nginx:1.27\n    environment: !\n");
    const tags = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: tagged.uri },
      position: { line: 3, character: 18 },
    })) as CompletionList | null;
    assert.ok(
      tags?.items.some((i) => i.label === "!reset"),
      JSON.stringify(tags?.items.map((i) => i.label)),
    );
  });

  it("gives no semantic tokens for compose files (null leaves them to others)", async () => {
    const textDocument = { uri: server.uriOf("compose.yaml") };
    assert.equal(await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument }), null);
  });
});
