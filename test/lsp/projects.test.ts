import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";
import { fixToWorkspaceEdit } from "../../server/src/services/workspaceEdits";
import { CLIENT_CAPABILITIES } from "./helpers/client";
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";

const BASE = "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n";
const OVERRIDE = "services:\n  db:\n    image: postgres:17\n";
const undefinedDb = (codes: (string | number | undefined)[]) => codes.includes("compose/undefined-reference");

describe("compose projects and neighbour files", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("re-lints the other open files of a project when one of them changes (unsaved text counts)", async () => {
    const base = server.open("proj/compose.yaml", "dockercompose", BASE);
    const first = await server.waitForDiagnostics(base.uri);
    assert.ok(undefinedDb(first.diagnostics.map((d) => d.code)), JSON.stringify(first.diagnostics.map((d) => d.code)));
    const override = server.open("proj/compose.override.yaml", "dockercompose", "services: {}\n");
    await server.waitForDiagnostics(override.uri);
    const count = server.published.length;
    server.change(override, OVERRIDE);
    const relinted = await server.waitForDiagnostics(base.uri, (p) => server.published.indexOf(p) >= count);
    assert.ok(!undefinedDb(relinted.diagnostics.map((d) => d.code)));
    assert.equal(relinted.version, 1, "the base file itself did not change");
  });

  it("an edit re-lints only the open documents that read the edited file, not every document of its folder", async () => {
    const dockerfile = server.open("only/Dockerfile", "dockerfile", 'FROM alpine:3.20\nCOPY . /app\nUSER 1000\nCMD ["/app/run"]\n');
    await server.waitForDiagnostics(dockerfile.uri);
    const ignore = server.open("only/.dockerignore", "dockerignore", ".git\n");
    await server.waitForDiagnostics(ignore.uri);
    const other = server.open("only/notes.Dockerfile", "dockerfile", "FROM alpine:3.20\n");
    await server.waitForDiagnostics(other.uri);
    await new Promise((r) => setTimeout(r, 500));
    // a file the Dockerfile's rules never read: the Dockerfile is not linted again
    let count = server.published.length;
    server.change(other, "FROM alpine:3.21\n");
    await server.waitForDiagnostics(other.uri, (p) => p.version === other.version);
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(
      server.published.slice(count).map((p) => p.uri),
      [other.uri],
    );
    // its .dockerignore (read by COPY . and the build context rules): the Dockerfile is linted again
    count = server.published.length;
    server.change(ignore, ".git\nnode_modules\n");
    await server.waitForDiagnostics(dockerfile.uri, (p) => server.published.indexOf(p) >= count);
  });

  it("re-lints when a neighbour appears on disk (watched file event)", async () => {
    const watch = server.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
    assert.match(JSON.stringify(watch?.registerOptions), /\*compose\*\.yml.*workspace\.yaml/);
    const base = server.open("disk/compose.yaml", "dockercompose", BASE);
    const first = await server.waitForDiagnostics(base.uri);
    assert.ok(undefinedDb(first.diagnostics.map((d) => d.code)));
    const count = server.published.length;
    const uri = server.writeFile("disk/compose.override.yaml", OVERRIDE);
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Created }] });
    const relinted = await server.waitForDiagnostics(base.uri, (p) => server.published.indexOf(p) >= count);
    assert.ok(!undefinedDb(relinted.diagnostics.map((d) => d.code)));
  });

  it("a Dockerfile beside an edited compose file follows its new text (the compose lint's parse is shared)", async () => {
    const devServer = (codes: (string | number | undefined)[]) => codes.includes("dockerfile/dev-server-in-production");
    const dockerfile = server.open(
      "watch/Dockerfile",
      "dockerfile",
      'FROM python:3.13-slim\nUSER 1000\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--reload"]\n',
    );
    const first = await server.waitForDiagnostics(dockerfile.uri);
    assert.ok(devServer(first.diagnostics.map((d) => d.code)), "no compose file: a production image");
    const plain = "services:\n  app:\n    build: .\n";
    const watched = `${plain}    develop:\n      watch:\n        - action: sync\n          path: .\n          target: /app\n`;
    const compose = server.open("watch/compose.yaml", "dockercompose", plain);
    await server.waitForDiagnostics(compose.uri);
    // each text of the compose file: its own lint first, then the Dockerfile's, which reads that text
    for (const [text, dev] of [
      [watched, true],
      [plain, false],
      [watched, true],
    ] as const) {
      const count = server.published.length;
      server.change(compose, text);
      const relinted = await server.waitForDiagnostics(dockerfile.uri, (p) => server.published.indexOf(p) >= count);
      const order = server.published.slice(count).map((p) => p.uri);
      assert.deepEqual(order.slice(0, 2), [compose.uri, dockerfile.uri], "the edited document is published first");
      assert.equal(devServer(relinted.diagnostics.map((d) => d.code)), !dev, text);
    }
  });

  it("turns a fix that creates another file into CreateFile + TextDocumentEdit", () => {
    const documents = new TextDocuments(TextDocument);
    const edit = fixToWorkspaceEdit(
      "file:///w/compose.yaml",
      3,
      [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, newText: "${X}" }],
      [{ path: "/w/.env.example", create: "X=\n" }],
      CLIENT_CAPABILITIES,
      documents,
    );
    assert.deepEqual(edit?.documentChanges, [
      {
        textDocument: { uri: "file:///w/compose.yaml", version: 3 },
        edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, newText: "${X}" }],
      },
      { kind: "create", uri: "file:///w/.env.example", options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri: "file:///w/.env.example", version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "X=\n" }],
      },
    ]);
    // a client that cannot create files gets no such fix rather than half of it
    assert.equal(
      fixToWorkspaceEdit("file:///w/compose.yaml", 3, [], [{ path: "/w/.env.example", create: "X=\n" }], {}, documents),
      undefined,
    );
  });
});
