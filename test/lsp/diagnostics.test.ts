import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER Jane <jane@example.com>\nCMD ["python", "app.py"]\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
const DOCS = "https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/";

describe("publishDiagnostics", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ open: { name: "Dockerfile", languageId: "dockerfile", text: DOCKERFILE } });
  });
  after(() => server.stop());

  it("publishes Dockerfile findings with code, source, doc link, severity and fixes in data", async () => {
    const p = await server.waitForDiagnostics(server.uriOf("Dockerfile"));
    assert.equal(p.version, 1);
    const d = p.diagnostics.find((x) => x.code === "dockerfile/maintainer-deprecated");
    assert.ok(d, `expected dockerfile/maintainer-deprecated, got ${p.diagnostics.map((x) => x.code).join(", ")}`);
    assert.equal(d.source, "shipshape");
    assert.equal(d.codeDescription?.href, `${DOCS}dockerfile/maintainer-deprecated.md`);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range.start, { line: 1, character: 0 });
    const data = d.data as { version: number; fixes: { safe: boolean }[] };
    assert.equal(data.version, 1);
    assert.ok(data.fixes.length > 0 && data.fixes[0]?.safe);
  });

  it("publishes compose findings for a dockercompose document", async () => {
    const doc = server.open("compose.yaml", "dockercompose", COMPOSE);
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "compose/no-version-key");
    assert.ok(d, `got ${p.diagnostics.map((x) => x.code).join(", ")}`);
    assert.equal(d.source, "shipshape");
    assert.equal(d.codeDescription?.href, `${DOCS}compose/no-version-key.md`);
    assert.equal(d.range.start.line, 0);
  });

  it("reports dockerfile-utils syntax errors but none of its style checks", async () => {
    const doc = server.open("syntax/Dockerfile", "dockerfile", "FROM alpine:3.20\nfrom alpine:3.20\nWORKDIR relative\nFOO bar\n");
    const p = await server.waitForDiagnostics(doc.uri);
    const base = p.diagnostics.filter((d) => d.source === "dockerfile-utils");
    assert.equal(base.length, 1, JSON.stringify(base));
    assert.equal(base[0]?.range.start.line, 3);
  });

  it("publishes only the latest version after rapid changes", async () => {
    const doc = server.open("rapid/Dockerfile", "dockerfile", DOCKERFILE);
    await server.waitForDiagnostics(doc.uri);
    const before = server.published.length;
    for (let i = 0; i < 12; i++) server.change(doc, DOCKERFILE + `# edit ${i}\n`.repeat(i + 1));
    const last = doc.version;
    const p = await server.waitForDiagnostics(doc.uri, (x) => x.version === last);
    assert.equal(p.version, last);
    // give a straggler the chance to show up
    await new Promise((r) => setTimeout(r, 400));
    const after = server.published.slice(before).filter((x) => x.uri === doc.uri);
    assert.deepEqual(
      after.map((x) => x.version),
      [last],
    );
  });

  it("re-lints open documents when settings turn a rule off, and back on", async () => {
    const uri = server.uriOf("Dockerfile");
    const count = server.published.length;
    server.setSettings({ rules: { "dockerfile/maintainer-deprecated": "off" } });
    const off = await server.waitForDiagnostics(uri, (p) => server.published.indexOf(p) >= count);
    assert.ok(!off.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
    const count2 = server.published.length;
    server.setSettings({ rules: { "dockerfile/maintainer-deprecated": "error" } });
    const on = await server.waitForDiagnostics(uri, (p) => server.published.indexOf(p) >= count2);
    assert.equal(on.diagnostics.find((d) => d.code === "dockerfile/maintainer-deprecated")?.severity, DiagnosticSeverity.Error);
    server.setSettings({});
  });

  it("honours .shipshape.json at the repository root, with editor settings winning", async () => {
    server.writeFile(
      ".shipshape.json",
      JSON.stringify({ rules: { "compose/no-version-key": "off", "dockerfile/maintainer-deprecated": "info" } }),
    );
    server.setSettings({ rules: { "dockerfile/maintainer-deprecated": "hint" } });
    const c = await server.waitForDiagnostics(
      server.uriOf("compose.yaml"),
      (p) => !p.diagnostics.some((d) => d.code === "compose/no-version-key"),
    );
    assert.ok(c);
    const d = await server.waitForDiagnostics(server.uriOf("Dockerfile"), (p) =>
      p.diagnostics.some((x) => x.code === "dockerfile/maintainer-deprecated" && x.severity === DiagnosticSeverity.Hint),
    );
    assert.ok(d);
  });

  it("clears diagnostics when a document closes", async () => {
    const doc = server.open("closing/Dockerfile", "dockerfile", DOCKERFILE);
    await server.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length > 0);
    server.close(doc);
    const p = await server.waitForDiagnostics(doc.uri, (x) => x.diagnostics.length === 0);
    assert.equal(p.diagnostics.length, 0);
  });
});
