/**
 * Settings feedback: what is wrong in a .shipshape.json is published as diagnostics on that file (and logged),
 * and the diagnostics go when the file is fixed.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

describe(".shipshape.json diagnostics", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("an unknown rule id and an invalid severity show in the config file; fixing it clears them", async () => {
    const config = server.writeFile(
      ".shipshape.json",
      '{\n  "rules": {\n    "dockerfile/no-such-rule": "warning",\n    "dockerfile/pin-base-image": "loud"\n  }\n}\n',
    );
    const configUri = server.uriOf(".shipshape.json");
    const doc = server.open("Dockerfile", "dockerfile", 'FROM python:3.13-slim\nCMD ["python"]\n');
    const published = await server.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.range.start.line, d.severity, d.source]),
      [
        [2, 2, "shipshape"],
        [3, 1, "shipshape"],
      ],
    );
    assert.ok(
      server.logs.some((l) => l.includes(".shipshape.json") && l.includes("dockerfile/no-such-rule")),
      server.logs.join("\n"),
    );

    server.writeFile(".shipshape.json", '{\n  "rules": {\n    "dockerfile/pin-base-image": "off"\n  }\n}\n');
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: configUri, type: FileChangeType.Changed }],
    });
    await server.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    assert.ok(config && doc);
  });

  it("an open .shipshape.json shows its problems at once (no other file linted first), and as it is edited", async () => {
    const fresh = await startServer();
    try {
      const doc = fresh.open("cfg/.shipshape.json", "json", '{\n  "rules": {\n    "dockerfile/no-such-rule": "warning"\n  }\n}\n');
      const published = await fresh.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        published.diagnostics.map((d) => d.range.start.line),
        [2],
      );
      fresh.change(doc, '{\n  "rules": {\n    "dockerfile/pin-base-image": "loud"\n  }\n}\n');
      const edited = await fresh.waitForDiagnostics(doc.uri, (p) => p.diagnostics.some((d) => /loud/.test(String(d.message))));
      assert.equal(edited.diagnostics.length, 1);
      fresh.change(doc, '{\n  "rules": {}\n}\n');
      await fresh.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length === 0);
    } finally {
      await fresh.stop();
    }
  });

  it("the output channel logs the settings, what in shipshape.rules is unusable, and each document's first lint time", async () => {
    const logged = await startServer({
      settings: { rules: { "dockerfile/pin-base-imag": "warning", "dockerfile/pin-base-image": "loud" }, languageFeatures: "auto" },
    });
    try {
      const doc = logged.open("Dockerfile", "dockerfile", "FROM python:3.13-slim\n");
      await logged.waitForDiagnostics(doc.uri);
      const log = logged.logs.join("\n");
      assert.match(log, /settings: 1 rule setting in shipshape\.rules \(dockerfile\/pin-base-imag\)/);
      assert.match(log, /"dockerfile\/pin-base-imag" is not a Shipshape rule \(did you mean "dockerfile\/pin-base-image"\?\)/);
      assert.match(log, /dockerfile\/pin-base-image: "loud" is not a severity/);
      assert.match(log, /linted \S*Dockerfile \(dockerfile\) in \d+ ms: \d+ findings?/);
    } finally {
      await logged.stop();
    }
  });
});
