import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HoverRequest, type Hover, type MarkupContent } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = "FROM python:3.13-slim\nMAINTAINER Jane <jane@example.com>\nRUN pip install --no-cache-dir fastapi==0.115.0\n";
const COMPOSE = "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n";

function text(h: Hover | null): string {
  assert.ok(h, "expected a hover");
  return (h.contents as MarkupContent).value;
}

describe("hover", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ open: { name: "Dockerfile", languageId: "dockerfile", text: DOCKERFILE } });
  });
  after(() => server.stop());

  const hover = (uri: string, line: number, character: number) =>
    server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });

  it("over a finding: one line, the rule link first, then why and the fix", async () => {
    const md = text(await hover(server.uriOf("Dockerfile"), 1, 3));
    const first = md.split("\n")[0] ?? "";
    assert.match(
      first,
      /^\[dockerfile\/maintainer-deprecated\]\(\S+docs\/rules\/dockerfile\/maintainer-deprecated\.md\) — \S.*(Quick fix|Fix): \S/,
    );
    assert.doesNotMatch(md, /Instead of:/, "the examples stay on the rule page");
  });

  it("several findings at one position: one line each, and the whole hover stays short", async () => {
    const doc = server.open(
      "many/Dockerfile",
      "dockerfile",
      "FROM python:3.12\nCOPY . .\nRUN pip install fastapi\nCMD python -m http.server\n",
    );
    await server.waitForDiagnostics(doc.uri);
    const md = text(await hover(doc.uri, 0, 6));
    const lines = md.split("\n").filter((l) => l.startsWith("- [dockerfile/"));
    assert.ok(lines.length >= 3, md);
    // what the reader sees: the Markdown without link targets
    const shown = md.replace(/\]\([^)]*\)/g, "]");
    assert.ok(shown.length <= 1500, `${shown.length} characters:\n${shown}`);
    const cmd = text(await hover(doc.uri, 3, 1)).replace(/\]\([^)]*\)/g, "]");
    assert.ok(cmd.startsWith("[dockerfile/exec-form-cmd]"), cmd);
    assert.ok(cmd.length <= 900, `${cmd.length} characters:\n${cmd}`);
  });

  it("shows a short Dockerfile reference over an instruction without a finding: first paragraph and link", async () => {
    const md = text(await hover(server.uriOf("Dockerfile"), 2, 1));
    assert.match(md, /docs\.docker\.com/);
    assert.doesNotMatch(md, /maintainer-deprecated/);
    assert.doesNotMatch(md, /```/, "the reference's code samples stay in the online documentation");
  });

  it("shows the compose schema description over a compose key, loading yaml-language-server only then", async () => {
    const doc = server.open("compose.yaml", "dockercompose", COMPOSE + "\n");
    await server.waitForDiagnostics(doc.uri);
    assert.ok(!server.logs.some((l) => /compose schema service loaded/.test(l)), "yaml-language-server must load lazily");
    const md = text(await hover(doc.uri, 3, 6));
    assert.match(md, /^Restart policy/m);
    assert.ok(server.logs.some((l) => /compose schema service loaded/.test(l)));
  });

  it("answers the same once many other documents were linted since (its model dropped and built again)", async () => {
    const doc = server.open("kept/compose.yaml", "dockercompose", COMPOSE);
    await server.waitForDiagnostics(doc.uri);
    const before = await hover(doc.uri, 3, 6);
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 24; i++) {
      const other = server.open(`kept/s${i}/Dockerfile`, "dockerfile", `${DOCKERFILE}ENV N=${i}\n`);
      pending.push(server.waitForDiagnostics(other.uri));
    }
    await Promise.all(pending);
    assert.ok(before);
    assert.deepEqual(await hover(doc.uri, 3, 6), before);
    assert.deepEqual(await hover(server.uriOf("kept/s0/Dockerfile"), 1, 3), await hover(server.uriOf("Dockerfile"), 1, 3));
  });

  it("answers null for a document it does not know", async () => {
    assert.equal(await hover(server.uriOf("never-opened/Dockerfile"), 0, 0), null);
  });
});
