import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  ReferencesRequest,
  RenameRequest,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { applyEdits } from "../../server/src/engine/text";
import { startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = [
  "ARG PY=3.13", // 0
  "FROM python:${PY}-slim AS build", // 1
  "ENV APP_HOME=/app", // 2
  "WORKDIR $APP_HOME", // 3
  "COPY requirements.txt ./", // 4
  "COPY src/ ./src/", // 5
  "COPY missing.txt *.cfg ./", // 6
  "FROM python:3.13-slim", // 7
  "COPY --from=build ${APP_HOME} /app", // 8
  "COPY --from=build /app/src /srv", // 9
  "",
].join("\n");
const at = (line: number, character: number) => ({ line, character });

describe("Dockerfile navigation (stages, ARG/ENV, COPY sources)", () => {
  let server: TestServer;
  let uri: string;
  before(async () => {
    server = await startServer();
    server.writeFile("img/requirements.txt", "flask==3.1.0\n");
    server.writeFile("img/src/app.py", "print('hi')\n");
    const doc = server.open("img/Dockerfile", "dockerfile", DOCKERFILE);
    uri = doc.uri;
    await server.waitForDiagnostics(uri);
  });
  after(() => server.stop());

  it("goes from COPY --from to the stage and from a variable to its ARG/ENV", async () => {
    const stage = (await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: at(9, 14),
    })) as Location[];
    assert.deepEqual(stage[0]?.range, { start: at(1, 26), end: at(1, 31) });
    const env = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(3, 10) })) as Location[];
    assert.equal(env[0]?.range.start.line, 2);
    const arg = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(1, 16) })) as Location[];
    assert.equal(arg[0]?.range.start.line, 0);
  });

  it("finds every use of a stage, with or without its definition; highlights them", async () => {
    const refs = (await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: at(1, 28),
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepEqual(refs.map((r) => r.range.start.line).sort(), [8, 9]);
    const all = (await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: at(1, 28),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.equal(all.length, 3);
    const hl = await server.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: at(8, 14) });
    assert.equal(hl?.length, 3);
  });

  it("renames a stage everywhere in the file", async () => {
    const edit = (await server.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: at(1, 28),
      newName: "builder",
    })) as WorkspaceEdit;
    const text = applyEdits(DOCKERFILE, (edit.changes?.[uri] ?? []) as TextEdit[]);
    assert.match(text, /AS builder\n/);
    assert.equal(text.match(/--from=builder /g)?.length, 2);
  });

  it("links COPY sources that exist beside the Dockerfile, and the FROM image", async () => {
    const links = (await server.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } })) ?? [];
    const lines = DOCKERFILE.split("\n");
    const shown = links.map((l) => [
      (lines[l.range.start.line] ?? "").slice(l.range.start.character, l.range.end.character),
      l.target ?? "",
    ]);
    assert.ok(shown.some(([t, target]) => t === "requirements.txt" && target === server.uriOf("img/requirements.txt")));
    assert.ok(shown.some(([t, target]) => t === "src/" && target === server.uriOf("img/src")));
    assert.ok(
      shown.some(([t, target]) => t === "python" && /^https:\/\/hub\.docker\.com\/_\/python/.test(target ?? "")),
      JSON.stringify(shown),
    );
    assert.ok(
      !shown.some(([t]) => t === "missing.txt" || t === "*.cfg" || t === "/app/src"),
      "no link to a missing file, a glob or another stage",
    );
  });
});
