/**
 * An edit storm over the real server (stdio): hundreds of seeded random incremental edits to a Dockerfile and
 * a compose file (some with ranges outside the document or reversed), interleaved with hover, code action,
 * completion, semantic tokens and formatting requests, and closing/reopening the documents. The server must
 * never exit, answer every request within 2 s, and end with the diagnostics a fresh server gives the final text.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  SemanticTokensRequest,
  type Diagnostic,
  type Position,
  type Range,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { startServer, type OpenDocument, type TestServer } from "./helpers/client";
import { seededRandom } from "../../scripts/lib/seededRandom";

const EDITS = 300;
const ANSWER_MS = 2000;

const DOCKERFILE =
  "FROM python:3.13-slim AS build\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n\nFROM python:3.13-slim\nCOPY --from=build /app /app\nCMD python app.py\n";
const COMPOSE =
  "x-common: &common\n  restart: unless-stopped\nservices:\n  web:\n    <<: *common\n    image: nginx\n    ports:\n      - 8080:80\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: secret\n";
const TOKENS = [
  "",
  "x",
  " ",
  "\n",
  "\r\n",
  "\t",
  "\\\n",
  '"',
  "'",
  "${",
  "$(",
  "<<EOF\n",
  "RUN apt-get install -y vim\n",
  "FROM alpine AS a\n",
  "USER root\n",
  "  image: redis\n",
  "    <<: *common\n",
  "&a ",
  "*a",
  "- ",
  "[",
  "]",
  "{",
  ": ",
  "#",
  "\u00e9\ud83d\ude00",
  "services:\n",
];

class Doc {
  model: TextDocument;
  constructor(
    public open: OpenDocument,
    text: string,
  ) {
    this.model = TextDocument.create(open.uri, open.languageId, open.version, text);
  }
}

async function answered<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = Date.now();
  try {
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    assert.ok(Date.now() - started < ANSWER_MS + 100, `${what} took ${Date.now() - started} ms`);
  }
}

const nameOf = (doc: Doc) => (doc.open.uri.endsWith("Dockerfile") ? "app/Dockerfile" : "app/compose.yaml");
const lastPublish = (server: TestServer, uri: string) => server.published.filter((p) => p.uri === uri).pop();

/** Resolves once no diagnostics have been published for 1.5 s (debounced lints and dependents done). */
async function quiet(server: TestServer): Promise<void> {
  for (let seen = -1; seen !== server.published.length;) {
    seen = server.published.length;
    await new Promise((r) => setTimeout(r, 1500));
  }
}

const key = (d: Diagnostic) => JSON.stringify([d.range, d.code, d.severity, d.message, d.source]);

describe("LSP edit storm", () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
  });

  it(
    `${EDITS} random edits with requests in between: always answered, never exits, ends like a fresh lint`,
    { timeout: 240_000 },
    async () => {
      const server = await startServer();
      servers.push(server);
      const r = seededRandom(20261203);
      const int = (n: number) => Math.floor(r() * n);
      const docs = [
        new Doc(server.open("app/Dockerfile", "dockerfile", DOCKERFILE), DOCKERFILE),
        new Doc(server.open("app/compose.yaml", "dockercompose", COMPOSE), COMPOSE),
      ];
      // warm up (first lint of each kind, lazily loaded services) before the clock starts
      for (const doc of docs) {
        await server.waitForDiagnostics(doc.open.uri, () => true, 30_000);
        const textDocument = { uri: doc.open.uri };
        const at = { line: 1, character: 2 };
        await server.connection.sendRequest(HoverRequest.type, { textDocument, position: at });
        await server.connection.sendRequest(CompletionRequest.type, { textDocument, position: at });
        await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
        await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } });
        await server.connection.sendRequest(CodeActionRequest.type, {
          textDocument,
          range: { start: at, end: at },
          context: { diagnostics: [] },
        });
      }
      const position = (doc: Doc, wild: boolean): Position => {
        const lines = doc.model.lineCount;
        // now and then a position past the end, or past the end of its line (clients do send these)
        if (wild && r() < 0.3) return { line: lines + int(5), character: int(200) };
        const line = int(lines);
        const len = doc.model.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).length;
        return { line, character: wild && r() < 0.3 ? len + int(50) : int(len + 1) };
      };
      let requests = 0;
      for (let step = 0; step < EDITS; step++) {
        const doc = docs[int(docs.length)] as Doc;
        const start = position(doc, true);
        let end = r() < 0.5 ? start : position(doc, true);
        if (r() < 0.1) end = { line: Math.max(0, start.line - 1), character: 0 }; // reversed range
        const range: Range = { start, end };
        const text = TOKENS[int(TOKENS.length)] as string;
        doc.open.version++;
        doc.model = TextDocument.update(doc.model, [{ range, text }], doc.open.version);
        doc.open.text = doc.model.getText();
        void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri: doc.open.uri, version: doc.open.version },
          contentChanges: [{ range, text }],
        });

        const at = position(doc, false);
        const textDocument = { uri: doc.open.uri };
        const which = int(6);
        requests++;
        if (which === 0) await answered("hover", server.connection.sendRequest(HoverRequest.type, { textDocument, position: at }));
        else if (which === 1)
          await answered(
            "codeAction",
            server.connection.sendRequest(CodeActionRequest.type, {
              textDocument,
              range: { start: at, end: at },
              context: { diagnostics: [] },
            }),
          );
        else if (which === 2)
          await answered("completion", server.connection.sendRequest(CompletionRequest.type, { textDocument, position: at }));
        else if (which === 3) await answered("semanticTokens", server.connection.sendRequest(SemanticTokensRequest.type, { textDocument }));
        else if (which === 4)
          await answered(
            "formatting",
            server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } }),
          );
        else if (r() < 0.3) {
          // close and reopen, as an editor does when a tab is closed and the file opened again
          server.close(doc.open);
          doc.open = server.open(nameOf(doc), doc.open.languageId, doc.model.getText());
          doc.model = TextDocument.create(doc.open.uri, doc.open.languageId, doc.open.version, doc.open.text);
        }
        assert.equal(server.process.exitCode, null, `the server exited at step ${step}: ${server.stderr()}`);
      }
      assert.ok(requests > EDITS * 0.8);

      // once the server is quiet, the last publish of each document is for its final version and equals what a
      // fresh server says about the same two texts
      await quiet(server);
      const fresh = await startServer();
      servers.push(fresh);
      for (const doc of docs) fresh.open(nameOf(doc), doc.open.languageId, doc.model.getText());
      for (const doc of docs) await fresh.waitForDiagnostics(fresh.uriOf(nameOf(doc)), () => true, 30_000);
      await quiet(fresh);
      for (const doc of docs) {
        const last = lastPublish(server, doc.open.uri);
        assert.equal(last?.version, doc.open.version, `the last publish of ${nameOf(doc)} is for its final version`);
        const expected = lastPublish(fresh, fresh.uriOf(nameOf(doc)));
        assert.deepEqual(
          last?.diagnostics.map(key).sort(),
          expected?.diagnostics.map(key).sort(),
          `diagnostics of ${nameOf(doc)} after the storm`,
        );
      }
      assert.equal(server.process.exitCode, null);
    },
  );
});
