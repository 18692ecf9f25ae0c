import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DefinitionRequest,
  HoverRequest,
  InlayHintRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type InlayHint,
  type Location,
  type MarkupContent,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { applyEdits } from "../../server/src/engine/text";
import { startServer, type TestServer } from "./helpers/client";

// a project of three files: the base on disk only, the override and a -f variant open in editors
const BASE = [
  "x-depends: &needs-database", // 0
  "  depends_on:", // 1
  "    db:", // 2
  "      condition: service_healthy", // 3
  "services:", // 4
  "  web:", // 5
  "    <<: *needs-database", // 6
  "    image: nginx:1.27", // 7
  "    networks: [front]", // 8
  "    volumes:", // 9
  "      - data:/var/lib/data", // 10
  "      - ./site:/usr/share/nginx/html:ro", // 11
  "    secrets:", // 12
  "      - source: api-key", // 13
  "  db:", // 14
  "    image: postgres:17", // 15
  "  worker:", // 16
  "    image: busybox:1.37", // 17
  '    network_mode: "service:db"', // 18
  "    volumes_from: [db:ro]", // 19
  "networks:", // 20
  "  front: {}", // 21
  "volumes:", // 22
  "  data: {}", // 23
  "secrets:", // 24
  "  api-key:", // 25
  "    file: ./api-key.txt", // 26
  "",
].join("\n");
const OVERRIDE = ["services:", "  db:", "    ports: ['5432:5432']", "  web:", "    links:", "      - db:database", ""].join("\n");
const PROD = ["services:", "  db:", "    restart: always", "  backup:", "    image: busybox:1.37", "    extends: db", ""].join("\n");

const at = (line: number, character: number) => ({ line, character });
/** The edits a WorkspaceEdit makes to one document (renames send plain TextEdits). */
const editsFor = (edit: WorkspaceEdit, uri: string): TextEdit[] =>
  ((edit.documentChanges ?? []) as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits as TextEdit[]);

describe("compose navigation across the project (definition, references, highlight, rename)", () => {
  let server: TestServer;
  let baseUri: string;
  let overrideUri: string;
  let prodUri: string;
  before(async () => {
    server = await startServer();
    baseUri = server.writeFile("app/compose.yaml", BASE);
    const override = server.open("app/compose.override.yaml", "dockercompose", OVERRIDE);
    const prod = server.open("app/compose.prod.yaml", "dockercompose", PROD);
    overrideUri = override.uri;
    prodUri = prod.uri;
    await server.waitForDiagnostics(override.uri);
    await server.waitForDiagnostics(prod.uri);
  });
  after(() => server.stop());

  it("goes from a link in the override to the service's definitions in every file, base first", async () => {
    const defs = (await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: overrideUri },
      position: at(5, 9),
    })) as Location[];
    assert.deepEqual(
      defs.map((d) => [d.uri, d.range.start.line]),
      [
        [baseUri, 14],
        [overrideUri, 1],
        [prodUri, 1],
      ],
    );
    assert.deepEqual(defs[0]?.range, { start: at(14, 2), end: at(14, 4) });
  });

  it("answers nothing off a name (a plain key, an image)", async () => {
    const none = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: overrideUri }, position: at(2, 6) });
    assert.equal(none, null);
  });

  it("finds every reference to a service in the three files, with or without its definitions", async () => {
    const refs = (await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: prodUri },
      position: at(5, 14),
      context: { includeDeclaration: false },
    })) as Location[];
    const where = refs.map((r) => `${r.uri === baseUri ? "base" : r.uri === overrideUri ? "override" : "prod"}:${r.range.start.line}`);
    // long-form depends_on in the anchored block, network_mode service:, volumes_from, links, extends
    assert.deepEqual(where.sort(), ["base:18", "base:19", "base:2", "override:5", "prod:5"]);
    const withDecl = (await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: prodUri },
      position: at(5, 14),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.equal(withDecl.length, where.length + 3);
  });

  it("highlights an anchor and its alias in the same file", async () => {
    const base = server.open("app/compose.yaml", "dockercompose", BASE);
    await server.waitForDiagnostics(base.uri);
    const hl = await server.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: base.uri }, position: at(6, 10) });
    assert.deepEqual(
      hl?.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
      [
        [0, 12, DocumentHighlightKind.Write],
        [6, 9, DocumentHighlightKind.Read],
      ],
    );
    const def = (await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: base.uri },
      position: at(6, 10),
    })) as Location[];
    assert.deepEqual(def[0]?.range, { start: at(0, 12), end: at(0, 26) });
    server.close(base);
  });

  it("renames a service in every file and applies cleanly", async () => {
    const prepared = await server.connection.sendRequest(PrepareRenameRequest.type, {
      textDocument: { uri: overrideUri },
      position: at(1, 3),
    });
    assert.deepEqual(prepared, { range: { start: at(1, 2), end: at(1, 4) }, placeholder: "db" });
    const edit = (await server.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: overrideUri },
      position: at(1, 3),
      newName: "postgres",
    })) as WorkspaceEdit;
    const byUri = new Map((edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri, c]));
    assert.equal(byUri.get(overrideUri)?.textDocument.version, 1, "open editors are pinned to their version");
    assert.equal(byUri.get(baseUri)?.textDocument.version, null, "the base file is not open: edited on disk");
    const base = applyEdits(BASE, editsFor(edit, baseUri));
    assert.match(base, /\n {4}postgres:\n {6}condition/);
    assert.match(base, /\n {2}postgres:\n {4}image: postgres:17/);
    assert.match(base, /network_mode: "service:postgres"/);
    assert.match(base, /volumes_from: \[postgres:ro\]/);
    assert.doesNotMatch(base, /\bdb\b/);
    assert.equal(applyEdits(OVERRIDE, editsFor(edit, overrideUri)), OVERRIDE.replace(/\bdb\b/g, "postgres"));
    assert.equal(applyEdits(PROD, editsFor(edit, prodUri)), PROD.replace(/\bdb\b/g, "postgres"));
  });

  it("renames named volumes, networks and secrets but not bind-mount paths", async () => {
    const base = server.open("app/compose.yaml", "dockercompose", BASE);
    await server.waitForDiagnostics(base.uri);
    const rename = async (position: { line: number; character: number }, newName: string) =>
      (await server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: base.uri }, position, newName })) as WorkspaceEdit;
    const text = (e: WorkspaceEdit) => applyEdits(BASE, editsFor(e, base.uri));
    const volume = text(await rename(at(23, 3), "pgdata"));
    assert.match(volume, /- pgdata:\/var\/lib\/data/);
    assert.match(volume, /\n {2}pgdata: \{\}/);
    assert.match(volume, /\.\/site:/);
    const network = text(await rename(at(8, 16), "public"));
    assert.match(network, /networks: \[public\]/);
    assert.match(network, /\n {2}public: \{\}/);
    const secret = text(await rename(at(13, 18), "token"));
    assert.match(secret, /source: token/);
    assert.match(secret, /\n {2}token:\n/);
    server.close(base);
  });

  it("refuses an invalid or taken name with a message", async () => {
    await assert.rejects(
      server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: overrideUri }, position: at(1, 3), newName: "my db" }),
      /not a valid service name/,
    );
    await assert.rejects(
      server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: overrideUri }, position: at(1, 3), newName: "backup" }),
      /already exists/,
    );
  });

  it("leaves definition, highlight and rename to Docker DX when it is installed (auto), keeps references", async () => {
    const other = await startServer({
      initializationOptions: { otherProviders: { dockerfile: ["docker.docker"], compose: ["docker.docker"] } },
    });
    try {
      const doc = other.open("compose.yaml", "dockercompose", BASE);
      await other.waitForDiagnostics(doc.uri);
      const textDocument = { uri: doc.uri };
      assert.equal(await other.connection.sendRequest(DefinitionRequest.type, { textDocument, position: at(18, 28) }), null);
      assert.equal(await other.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position: at(18, 28) }), null);
      assert.equal(await other.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position: at(18, 28) }), null);
      const refs = await other.connection.sendRequest(ReferencesRequest.type, {
        textDocument,
        position: at(18, 28),
        context: { includeDeclaration: true },
      });
      assert.ok(refs && refs.length >= 3);
      other.setSettings({ languageFeatures: "on" });
      await new Promise((r) => setTimeout(r, 50));
      const defs = await other.connection.sendRequest(DefinitionRequest.type, { textDocument, position: at(18, 28) });
      assert.ok(Array.isArray(defs) && defs.length === 1);
    } finally {
      await other.stop();
    }
  });

  it("inlay hints: the override says what it replaces, the base says which file replaces it", async () => {
    const layered = server.open(
      "layers/compose.yaml",
      "dockercompose",
      "services:\n  api:\n    image: api:1.0\n    restart: always\n    command: [serve]\n",
    );
    const dev = server.open(
      "layers/compose.override.yaml",
      "dockercompose",
      "services:\n  api:\n    image: api:dev\n    restart: always\n    command: [serve, --reload]\n",
    );
    await server.waitForDiagnostics(layered.uri);
    await server.waitForDiagnostics(dev.uri);
    const hints = async (uri: string) =>
      ((await server.connection.sendRequest(InlayHintRequest.type, {
        textDocument: { uri },
        range: { start: at(0, 0), end: at(100, 0) },
      })) ?? []) as InlayHint[];
    const over = await hints(dev.uri);
    assert.deepEqual(
      over.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [2, 18, "was api:1.0 (compose.yaml)"],
        [4, 30, "was [serve] (compose.yaml)"],
      ],
      "restart is the same in both: no hint",
    );
    const base = await hints(layered.uri);
    assert.deepEqual(
      base.map((h) => [h.position.line, h.label]),
      [
        [2, "→ api:dev (compose.override.yaml)"],
        [4, "→ [serve, --reload] (compose.override.yaml)"],
      ],
    );
    server.setSettings({ inlayHints: false });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(
      await server.connection.sendRequest(InlayHintRequest.type, {
        textDocument: { uri: dev.uri },
        range: { start: at(0, 0), end: at(9, 0) },
      }),
      null,
    );
    server.setSettings({});

    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: dev.uri }, position: at(1, 3) });
    const md = (hover?.contents as MarkupContent).value;
    assert.match(md, /Effective service `api`/);
    assert.match(md, /\| `image` \| `api:dev` \| `compose.override.yaml` \|/);
    assert.match(md, /\| `command` \| `\[serve, --reload\]` \| `compose.override.yaml` \|/);
  });

  it("inlay hints for extends: the value the extended service had", async () => {
    const doc = server.open(
      "ext/compose.yaml",
      "dockercompose",
      "services:\n  base:\n    image: app:1\n    user: app\n  worker:\n    extends: base\n    user: root\n",
    );
    await server.waitForDiagnostics(doc.uri);
    const hints = ((await server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: at(0, 0), end: at(10, 0) },
    })) ?? []) as InlayHint[];
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [[6, "was app (extends base)"]],
    );
  });
});
