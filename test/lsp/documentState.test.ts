import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CompletionList,
  type Position,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { startServer, type OpenDocument, type TestServer } from "./helpers/client";

/**
 * An editor that closes a file and reopens it after it changed on disk (a checkout, a pull) sends version 1
 * again with the new text. Every answer about the reopened document must be the answer a fresh server gives.
 */
const COMPOSE_BEFORE = "services:\n  web:\n    image: nginx:1.27\n    restart: always\n    \n";
const COMPOSE_AFTER = "services:\n  web:\n    image: nginx:1.27\n    hostname: web1\n    \n";
const DOCKERFILE_BEFORE = 'FROM alpine:3.20\nMAINTAINER jane@example.com\nCMD ["sh"]\n';
const DOCKERFILE_AFTER = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["sh"]\n';
/** A project whose neighbour file changes on disk while the compose file is closed (no watcher event arrives). */
const PROJECT = "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n";
const OVERRIDE_WITH_DB = "services:\n  db:\n    image: postgres:17\n    restart: always\n";
const OVERRIDE_WITHOUT_DB = "services:\n  cache:\n    image: redis:7\n";

interface Answers {
  diagnostics: unknown;
  hovers: unknown[];
  completion: unknown;
  symbols: unknown;
}

async function answers(server: TestServer, doc: OpenDocument, after: number, hoverAt: Position[], completeAt: Position): Promise<Answers> {
  const published: PublishDiagnosticsParams = await server.waitForDiagnostics(doc.uri, (p) => server.published.indexOf(p) >= after);
  const textDocument = { uri: doc.uri };
  const hovers = [];
  // hovers before and after the completion: the libraries cache per request kind, and the first request after a
  // reopen is the one that must not get the old text's answer
  for (const position of hoverAt) hovers.push(await server.connection.sendRequest(HoverRequest.type, { textDocument, position }));
  const list = (await server.connection.sendRequest(CompletionRequest.type, {
    textDocument,
    position: completeAt,
  })) as CompletionList | null;
  for (const position of hoverAt) hovers.push(await server.connection.sendRequest(HoverRequest.type, { textDocument, position }));
  const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
  return {
    diagnostics: published.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message })),
    hovers,
    completion: (list?.items ?? []).map((i) => i.label).sort(),
    symbols,
  };
}

describe("document state: a document reopened with other text at the same version", () => {
  let reused: TestServer;
  let fresh: TestServer;
  before(async () => {
    reused = await startServer();
    // the same folder, so URIs (and neighbour files on disk) are the same for both
    fresh = await startServer({ root: reused.root });
  });
  after(async () => {
    await Promise.all([reused.stop(), fresh.stop()]);
  });

  async function reopenAndCompare(
    name: string,
    languageId: string,
    before: string,
    afterText: string,
    hoverAt: Position[],
    completeAt: Position,
  ) {
    // the reused server answers about the old text first, so every cache holds it
    let count = reused.published.length;
    const first = reused.open(name, languageId, before);
    const old = await answers(reused, first, count, hoverAt, completeAt);
    reused.close(first);
    await reused.waitForDiagnostics(first.uri, (p) => p.diagnostics.length === 0 && reused.published.indexOf(p) >= count);
    count = reused.published.length;
    const again = reused.open(name, languageId, afterText);
    assert.equal(again.version, first.version, "the editor reuses the version number");
    const reopened = await answers(reused, again, count, hoverAt, completeAt);

    const freshDoc = fresh.open(name, languageId, afterText);
    const expected = await answers(fresh, freshDoc, 0, hoverAt, completeAt);
    assert.deepEqual(reopened, expected);
    return { old, reopened };
  }

  it("compose: hovers, completions, symbols and diagnostics equal a fresh server's", async () => {
    const { old, reopened } = await reopenAndCompare(
      "c/compose.yaml",
      "dockercompose",
      COMPOSE_BEFORE,
      COMPOSE_AFTER,
      [{ line: 3, character: 6 }],
      {
        line: 4,
        character: 4,
      },
    );
    // the comparison means something only if the old text answered differently
    assert.match(JSON.stringify(old.hovers[0]), /[Rr]estart/);
    assert.doesNotMatch(JSON.stringify(reopened.hovers[0]), /[Rr]estart policy/);
    assert.notDeepEqual(old.completion, reopened.completion);
  });

  it("Dockerfile: hovers, completions, symbols and diagnostics equal a fresh server's", async () => {
    const { old, reopened } = await reopenAndCompare(
      "d/Dockerfile",
      "dockerfile",
      DOCKERFILE_BEFORE,
      DOCKERFILE_AFTER,
      [{ line: 1, character: 2 }],
      {
        line: 1,
        character: 0,
      },
    );
    assert.notDeepEqual(old.hovers, reopened.hovers);
    assert.notDeepEqual(old.symbols, reopened.symbols);
  });

  it("compose project: a neighbour changed on disk while the file was closed is read again", async () => {
    reused.writeFile("p/compose.override.yaml", OVERRIDE_WITH_DB);
    let count = reused.published.length;
    const first = reused.open("p/compose.yaml", "dockercompose", PROJECT);
    const hoverAt = [{ line: 4, character: 9 }];
    const completeAt = { line: 4, character: 8 };
    const old = await answers(reused, first, count, hoverAt, completeAt);
    reused.close(first);
    await reused.waitForDiagnostics(first.uri, (p) => p.diagnostics.length === 0 && reused.published.indexOf(p) >= count);
    reused.writeFile("p/compose.override.yaml", OVERRIDE_WITHOUT_DB);
    count = reused.published.length;
    const again = reused.open("p/compose.yaml", "dockercompose", PROJECT);
    const reopened = await answers(reused, again, count, hoverAt, completeAt);
    const expected = await answers(fresh, fresh.open("p/compose.yaml", "dockercompose", PROJECT), 0, hoverAt, completeAt);
    assert.deepEqual(reopened, expected);
    assert.notDeepEqual(old, reopened, "the neighbour's change must show");
  });
});

describe("document state: what is linted, by URI scheme", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  const DOCKERFILE = "FROM alpine:3.20\nMAINTAINER jane@example.com\n";
  const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

  it("lints untitled and virtual-workspace (vscode-vfs) documents", async () => {
    const untitled = server.openUri("untitled:Untitled-1", "dockerfile", DOCKERFILE);
    const vfs = server.openUri("vscode-vfs://github/acme/app/Dockerfile", "dockerfile", DOCKERFILE);
    for (const doc of [untitled, vfs])
      assert.ok(codes(await server.waitForDiagnostics(doc.uri)).includes("dockerfile/maintainer-deprecated"));
  });

  it("publishes nothing for a git: diff base, but still answers hovers there", async () => {
    const path = `${server.root}/g/Dockerfile`;
    const gitUri = `git:${encodeURI(path)}?${encodeURIComponent(JSON.stringify({ path, ref: "HEAD" }))}`;
    const base = server.openUri(gitUri, "dockerfile", DOCKERFILE);
    // the working file, opened after it, is linted; anything the diff base would get would have come first
    const working = server.open("g/Dockerfile", "dockerfile", DOCKERFILE);
    assert.ok(codes(await server.waitForDiagnostics(working.uri)).includes("dockerfile/maintainer-deprecated"));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      server.published.filter((p) => p.uri === base.uri),
      [],
    );
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: base.uri },
      position: { line: 0, character: 1 },
    });
    assert.match(JSON.stringify(hover), /docs\.docker\.com/);
  });

  it("reads no working-tree neighbours for a git: compose file", async () => {
    server.writeFile("n/compose.override.yaml", OVERRIDE_WITH_DB);
    const path = `${server.root}/n/compose.yaml`;
    const gitUri = `git:${encodeURI(path)}?${encodeURIComponent(JSON.stringify({ path, ref: "~" }))}`;
    const working = server.open("n/compose.yaml", "dockercompose", PROJECT);
    await server.waitForDiagnostics(working.uri);
    const base = server.openUri(gitUri, "dockercompose", PROJECT);
    const hoverOn = (uri: string) =>
      server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 9 } });
    // the working file sees the neighbour's db service; the diff base is judged on its own text only
    assert.match(JSON.stringify(await hoverOn(working.uri)), /merged from `compose\.override\.yaml`/);
    assert.match(JSON.stringify(await hoverOn(base.uri)), /not defined in this project/);
    assert.deepEqual(
      server.published.filter((p) => p.uri === base.uri),
      [],
    );
  });
});
