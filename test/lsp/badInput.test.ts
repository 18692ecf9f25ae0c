import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SemanticTokensRequest,
} from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghij";
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1] as string;
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill("*" + prev)
        .join(",")}]`,
    );
  }
  return lines.join("\n") + "\nservices:\n  web:\n    image: nginx\n    x-bomb: *j\n";
}

const CASES: { name: string; file: string; languageId: string; text: string }[] = [
  { name: "empty Dockerfile", file: "empty/Dockerfile", languageId: "dockerfile", text: "" },
  { name: "binary data", file: "binary/Dockerfile", languageId: "dockerfile", text: "\u0000\u0001\u0002PNG\u0000".repeat(500) },
  {
    name: "invalid UTF-8 (replacement characters)",
    file: "utf8/compose.yaml",
    languageId: "dockercompose",
    text: "\ufffd\ufffd:\n\ufffd".repeat(300),
  },
  {
    name: "CRLF and BOM",
    file: "crlf/Dockerfile",
    languageId: "dockerfile",
    text: "\ufeffFROM python:3.13-slim\r\nMAINTAINER x\r\nCMD python app.py\r\n",
  },
  {
    name: "half-typed Dockerfile",
    file: "half/Dockerfile",
    languageId: "dockerfile",
    text: "FROM python:3.13-slim AS\nRUN apt-get install \\\nCOPY --from= \nRUN <<EOF\necho 'unterminated\nENV A=\"b\nHEALTHCHECK CMD",
  },
  {
    name: "half-typed compose file",
    file: "half/compose.yaml",
    languageId: "dockercompose",
    text: 'services:\n  web:\n    image: "nginx\n    ports:\n      - 80:\n    depends_on: [db\n  db: {image: postgres',
  },
  { name: "YAML alias bomb", file: "bomb/compose.yaml", languageId: "dockercompose", text: aliasBomb() },
  {
    name: "deeply nested YAML",
    file: "deep/compose.yaml",
    languageId: "dockercompose",
    text: "services:\n  web:\n    x-deep: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n",
  },
  {
    name: "one 1 MB line",
    file: "longline/Dockerfile",
    languageId: "dockerfile",
    text: "FROM alpine:3.20\nRUN echo " + "x".repeat(1_000_000) + "\n",
  },
  {
    name: "a 4,000-line heredoc",
    file: "heredoc/Dockerfile",
    languageId: "dockerfile",
    text: "FROM alpine:3.20\nRUN <<EOF\n" + "echo hi\n".repeat(4_000) + "EOF\n",
  },
  {
    name: "20,000 instructions",
    file: "many/Dockerfile",
    languageId: "dockerfile",
    text: "FROM alpine:3.20\n" + "RUN echo hi && apt-get install -y curl\n".repeat(20_000),
  },
  {
    name: "thousands of continuation lines",
    file: "continued/Dockerfile",
    languageId: "dockerfile",
    text: "FROM alpine:3.20\nRUN apk add \\\n" + "    pkg \\\n".repeat(20_000) + "    last\n",
  },
  {
    name: "5 MB Dockerfile",
    file: "huge/Dockerfile",
    languageId: "dockerfile",
    text: "FROM python:3.13-slim\n" + "RUN echo 'a line of shell that repeats'\n".repeat(130_000),
  },
  {
    name: "5 MB compose file",
    file: "huge/compose.yaml",
    languageId: "dockercompose",
    text: "services:\n" + "  s: {image: nginx}\n".repeat(260_000),
  },
];

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe("bad input never crashes or hangs the server", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  for (const c of CASES) {
    it(`${c.name}: diagnostics and an answer to every request`, async () => {
      const doc = server.open(c.file, c.languageId, c.text);
      const p = await server.waitForDiagnostics(doc.uri, () => true, 20_000);
      if (c.text.length > 2 * 1024 * 1024) {
        assert.deepEqual(
          p.diagnostics.map((d) => d.code),
          ["shipshape/file-skipped"],
        );
      }
      const textDocument = { uri: doc.uri };
      const lastLine = Math.max(0, c.text.split("\n").length - 1);
      for (const position of [
        { line: 0, character: 0 },
        { line: 1, character: 3 },
        { line: lastLine, character: 2 },
      ]) {
        await within(server.connection.sendRequest(HoverRequest.type, { textDocument, position }), 15_000, "hover");
        await within(server.connection.sendRequest(CompletionRequest.type, { textDocument, position }), 15_000, "completion");
        await within(server.connection.sendRequest(DefinitionRequest.type, { textDocument, position }), 15_000, "definition");
        await within(
          server.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
          15_000,
          "references",
        );
        await within(server.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position }), 15_000, "highlight");
        await within(server.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position }), 15_000, "prepareRename");
      }
      const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      await within(
        server.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: p.diagnostics } }),
        15_000,
        "codeAction",
      );
      await within(server.connection.sendRequest(SemanticTokensRequest.type, { textDocument }), 15_000, "semanticTokens");
      await within(server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }), 15_000, "folding");
      await within(server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), 15_000, "symbols");
      await within(server.connection.sendRequest(DocumentLinkRequest.type, { textDocument }), 15_000, "links");
      await within(
        server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        15_000,
        "formatting",
      );
      server.close(doc);
      assert.equal(server.process.exitCode, null, `server exited: ${server.stderr()}`);
    });
  }

  it("logged no uncaught exception", () => {
    assert.deepEqual(
      server.logs.filter((l) => /uncaught|unhandled/i.test(l)),
      [],
    );
  });
});
