import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  DocumentLinkRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  SymbolKind,
  type CodeAction,
  type DocumentSymbol,
  type TextDocumentEdit,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { applyEdits } from "../../server/src/engine/text";
import { startServer, type TestServer } from "./helpers/client";

const COMPOSE = [
  "name: shop",
  "x-defaults: &defaults",
  "  restart: unless-stopped",
  "services:",
  "  web:",
  "    <<: *defaults",
  "    image: nginx:1.27",
  "    ports:",
  '      - "8080:80"',
  "  api:",
  "    build:",
  "      context: ./api",
  "volumes:",
  "  data: {}",
  "secrets:",
  "  token:",
  "    file: ./token.txt",
  "",
].join("\n");

describe("compose editing features over stdio", () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await startServer();
    const doc = server.open("shop/compose.yaml", "dockercompose", COMPOSE);
    uri = doc.uri;
    await server.waitForDiagnostics(uri);
  });
  after(() => server.stop());

  it("outlines sections, services with their image or build, their keys, and named objects", async () => {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ["name", "x-defaults", "services", "volumes", "secrets"],
    );
    const services = symbols.find((s) => s.name === "services");
    assert.equal(services?.kind, SymbolKind.Module);
    assert.deepEqual(
      services?.children?.map((c) => [c.name, c.detail, c.kind]),
      [
        ["web", "nginx:1.27", SymbolKind.Class],
        ["api", "build ./api", SymbolKind.Class],
      ],
    );
    const web = services?.children?.[0];
    assert.deepEqual(
      web?.children?.map((c) => c.name),
      ["image", "ports"],
    );
    assert.deepEqual(web?.range, { start: { line: 4, character: 2 }, end: { line: 9, character: 0 } });
    assert.deepEqual(web?.selectionRange, { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } });
    assert.equal(symbols.find((s) => s.name === "x-defaults")?.detail, "&defaults");
    assert.equal(symbols.find((s) => s.name === "secrets")?.children?.[0]?.detail, "./token.txt");
  });

  it("leaves the outline to Red Hat YAML when it is installed (auto)", async () => {
    const other = await startServer({ initializationOptions: { otherProviders: { dockerfile: [], compose: ["redhat.vscode-yaml"] } } });
    try {
      const doc = other.open("compose.yaml", "dockercompose", COMPOSE);
      await other.waitForDiagnostics(doc.uri);
      assert.equal(await other.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc.uri } }), null);
    } finally {
      await other.stop();
    }
  });

  it("formats a compose file: indentation and quotes change, comments and anchors stay", async () => {
    const messy = "# shop\nservices:\n    web:  # front\n        image:   'nginx:1.27'\n        ports:\n        - 8080:80\n";
    const doc = server.open("messy/compose.yaml", "dockercompose", messy);
    await server.waitForDiagnostics(doc.uri);
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: doc.uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(
      applyEdits(messy, edits ?? []),
      '# shop\nservices:\n  web: # front\n    image: "nginx:1.27"\n    ports:\n      - 8080:80\n',
    );
    const ranged = await server.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(
      ranged?.map((e) => e.range.start.line),
      [2],
    );
  });

  it("sorts service keys as a source action asked for by kind, in the configured order", async () => {
    const text = "services:\n  web:\n    restart: always\n    image: nginx:1.27\n";
    const doc = server.open("sort/compose.yaml", "dockercompose", text);
    await server.waitForDiagnostics(doc.uri);
    const ask = async (only?: string[]) =>
      (await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: doc.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      })) as CodeAction[];
    assert.ok(!(await ask()).some((a) => a.kind === "source.sortServiceKeys.shipshape"), "not offered unasked");
    const [action] = (await ask(["source.sortServiceKeys"])).filter((a) => a.kind === "source.sortServiceKeys.shipshape");
    const change = action?.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 1);
    assert.equal(applyEdits(text, change.edits as TextEdit[]), "services:\n  web:\n    image: nginx:1.27\n    restart: always\n");

    server.setSettings({ rules: { "compose/service-keys-order": { severity: "warning", options: { order: ["restart", "image"] } } } });
    server.change(doc, text);
    await server.waitForDiagnostics(doc.uri, (p) => p.version === 2);
    assert.equal((await ask(["source"])).filter((a) => a.kind === "source.sortServiceKeys.shipshape").length, 0, "already in that order");
    server.setSettings({});
  });

  it("links the files and folders a compose file names, and images to their registry page", async () => {
    server.writeFile("links/api/build.Dockerfile", "FROM python:3.13-slim\n");
    server.writeFile("links/.env.api", "A=1\n");
    server.writeFile("links/site/index.html", "<p>hi</p>\n");
    server.writeFile("links/token.txt", "t\n");
    const text = [
      "services:",
      "  api:",
      "    image: ghcr.io/acme/api:1.4",
      "    build:",
      "      context: ./api",
      "      dockerfile: build.Dockerfile",
      "    env_file: [.env.api, .env.missing]",
      "    volumes:",
      "      - ./site:/usr/share/nginx/html:ro",
      "      - data:/data",
      "  web:",
      '    image: "nginx:1.27"',
      "secrets:",
      "  token:",
      "    file: ./token.txt",
      "",
    ].join("\n");
    const doc = server.open("links/compose.yaml", "dockercompose", text);
    await server.waitForDiagnostics(doc.uri);
    const links = (await server.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: doc.uri } })) ?? [];
    const seen = links.map((l) => {
      const line = text.split("\n")[l.range.start.line] ?? "";
      return [line.slice(l.range.start.character, l.range.end.character), (l.target ?? "").replace(server.uriOf("links"), "")];
    });
    assert.deepEqual(seen, [
      ["ghcr.io/acme/api:1.4", "https://ghcr.io/acme/api"],
      ["./api", "/api"],
      ["build.Dockerfile", "/api/build.Dockerfile"],
      [".env.api", "/.env.api"],
      ["./site", "/site"],
      ["nginx:1.27", "https://hub.docker.com/_/nginx"],
      ["./token.txt", "/token.txt"],
    ]);
  });
});
