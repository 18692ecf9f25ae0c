import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HoverRequest, type PublishDiagnosticsParams } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

/** The server's diagnostics and hovers use the same line breaks as the CLI: LF, CRLF and a lone CR. */
const COMPOSE = [
  "services:",
  "  web:",
  "    image: nginx:latest",
  '    command: ["echo", "\u{1F680}"]',
  "    privileged: true",
  "    restart: always",
];
const DOCKERFILE = [
  "FROM python:3.13-slim",
  "RUN echo \u{1F680}\u{1F680} && apt-get update && apt-get install -y curl",
  "RUN\tpip install flask",
];
const JOIN: Record<string, (l: string[]) => string> = {
  LF: (l) => l.join("\n") + "\n",
  CRLF: (l) => l.join("\r\n") + "\r\n",
  CR: (l) => l.join("\r") + "\r",
  mixed: (l) => l.map((s, i) => s + ["\r", "\n", "\r\n"][i % 3]).join(""),
};

describe("line breaks in the language server", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  const located = (p: PublishDiagnosticsParams) =>
    p.diagnostics.map((d) => ({ code: d.code, range: d.range })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  for (const [kind, name, languageId, lines] of [
    ["compose", "compose.yaml", "dockercompose", COMPOSE],
    ["Dockerfile", "Dockerfile", "dockerfile", DOCKERFILE],
  ] as const) {
    it(`${kind}: CR, CRLF and mixed files get the LF twin's diagnostics at the same ranges`, async () => {
      const results = new Map<string, ReturnType<typeof located>>();
      for (const [variant, join] of Object.entries(JOIN)) {
        const doc = server.open(`${kind}-${variant}/${name}`, languageId, join([...lines]));
        results.set(variant, located(await server.waitForDiagnostics(doc.uri)));
      }
      const lf = results.get("LF") ?? [];
      assert.ok(lf.length >= 2, JSON.stringify(lf));
      assert.ok(!lf.some((d) => d.code === "compose/yaml-syntax"));
      for (const [variant, diagnostics] of results) {
        // Docker does not break Dockerfile lines at a lone CR: one more error says so (the CLI test checks it too)
        const loneCr = kind === "Dockerfile" && variant !== "LF" && variant !== "CRLF";
        assert.deepEqual(
          diagnostics.filter((d) => d.code !== "shipshape/line-breaks"),
          lf,
          variant,
        );
        assert.equal(diagnostics.filter((d) => d.code === "shipshape/line-breaks").length, loneCr ? 1 : 0, variant);
      }
    });
  }

  it("hovers over a lone-CR compose file read the right line", async () => {
    const doc = server.open("cr-hover/compose.yaml", "dockercompose", JOIN.CR?.([...COMPOSE]) ?? "");
    await server.waitForDiagnostics(doc.uri);
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: doc.uri },
      position: { line: 5, character: 6 },
    });
    assert.match(JSON.stringify(hover), /Restart policy/);
  });
});
