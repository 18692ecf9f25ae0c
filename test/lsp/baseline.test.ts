import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver-protocol/node";
import { runCli } from "../../server/src/cli/run";
import { startServer, type TestServer } from "./helpers/client";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER Jane <jane@example.com>\nRUN cd /app\nUSER app\nCMD ["python", "app.py"]\n';

/** A workspace the CLI has baselined (`shipshape lint --write-baseline` at its root), with a hadolint config. */
async function baselinedWorkspace(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "shipshape-lsp-baseline-"));
  writeFileSync(join(root, "Dockerfile"), DOCKERFILE);
  const code = await runCli(["lint", "--write-baseline"], {
    cwd: root,
    isTTY: false,
    env: {},
    stdout: () => undefined,
    stderr: () => undefined,
  });
  assert.equal(code, 0);
  return root;
}

describe("the editor and .shipshape-baseline.json", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ root: await baselinedWorkspace() });
  });
  after(() => server.stop());

  it("baselined findings come down to hint level, lines shifted or not; new ones keep their severity", async () => {
    const doc = server.open("Dockerfile", "dockerfile", "# added later\n\n" + DOCKERFILE + "RUN cd /srv && make\n");
    const p = await server.waitForDiagnostics(doc.uri, (x) => x.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
    const mine = p.diagnostics.filter((d) => d.source === "shipshape");
    const maintainer = mine.find((d) => d.code === "dockerfile/maintainer-deprecated");
    assert.equal(maintainer?.severity, DiagnosticSeverity.Hint);
    assert.equal(maintainer?.range.start.line, 3);
    assert.match(String(maintainer?.message), /\(accepted in the baseline\)$/);
    const cds = mine.filter((d) => d.code === "dockerfile/workdir-instead-of-cd").map((d) => [d.range.start.line, d.severity]);
    assert.deepEqual(
      cds.sort(),
      [
        [4, DiagnosticSeverity.Hint],
        [7, DiagnosticSeverity.Information],
      ],
      "the old cd is baselined, the new one is not",
    );
  });
});

describe("the editor and a hadolint config", () => {
  let server: TestServer;
  before(async () => {
    const root = mkdtempSync(join(tmpdir(), "shipshape-lsp-hadolint-"));
    writeFileSync(join(root, ".hadolint.yaml"), "ignored:\n  - DL4000\noverride:\n  error: [DL3003]\n");
    server = await startServer({ root });
  });
  after(() => server.stop());

  it("without .shipshape.json the server applies the translated .hadolint.yaml and logs it once", async () => {
    const doc = server.open("Dockerfile", "dockerfile", DOCKERFILE);
    const p = await server.waitForDiagnostics(doc.uri);
    assert.ok(!p.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
    assert.equal(p.diagnostics.find((d) => d.code === "dockerfile/workdir-instead-of-cd")?.severity, DiagnosticSeverity.Error);
    server.change(doc, DOCKERFILE + "# edit\n");
    await server.waitForDiagnostics(doc.uri, (x) => x.version === 2);
    assert.equal(server.logs.filter((l) => l.includes("no .shipshape.json: using the settings of")).length, 1, server.logs.join("\n"));
  });
});
