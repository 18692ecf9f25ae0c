import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

/**
 * VS Code decodes a UTF-16 file for the editor, so the text the server gets looks fine; Docker reads the
 * bytes. For `file:` documents the server looks at the bytes on disk.
 */
const DOCKERFILE = "FROM python:3.13-slim\nMAINTAINER someone@example.com\n";

describe("files saved as UTF-16, in the editor", () => {
  let vscodeLike: TestServer;
  let other: TestServer;
  before(async () => {
    vscodeLike = await startServer({ initializationOptions: { clientCommands: ["shipshape.saveAsUtf8"] } });
    other = await startServer();
  });
  after(async () => {
    await Promise.all([vscodeLike.stop(), other.stop()]);
  });

  const encodingError = (ds: Diagnostic[]) => ds.filter((d) => d.code === "shipshape/file-encoding");

  it("a UTF-16 Dockerfile on disk gets one error naming UTF-16, the decoded text is still linted, and a re-save as UTF-8 clears it", async () => {
    const uri = vscodeLike.writeFile("w/Dockerfile", "");
    writeFileSync(fileURLToPath(uri), Buffer.from("\uFEFF" + DOCKERFILE, "utf16le"));
    const doc = vscodeLike.open("w/Dockerfile", "dockerfile", DOCKERFILE);
    const first = await vscodeLike.waitForDiagnostics(doc.uri);
    const errors = encodingError(first.diagnostics);
    assert.equal(errors.length, 1, JSON.stringify(first.diagnostics));
    assert.equal(errors[0]?.severity, 1, "error");
    assert.match(errors[0]?.message as string, /UTF-16 \(little-endian, with a byte-order mark\).*Save it as UTF-8/);
    assert.ok(
      first.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"),
      "the text itself is linted too",
    );

    // the client has the re-save command: the quick fix runs it (no text edit can change an encoding)
    const actions = (await vscodeLike.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: errors[0]!.range,
      context: { diagnostics: errors },
    })) as CodeAction[];
    const save = actions.filter((a) => a.command?.command === "shipshape.saveAsUtf8");
    assert.equal(save.length, 1, JSON.stringify(actions));
    assert.deepEqual(save[0]?.command?.arguments, [doc.uri]);
    assert.equal(save[0]?.edit, undefined);
    assert.ok(!actions.some((a) => /shipshape-ignore/.test(JSON.stringify(a.edit ?? {}))), "no suppression comment for an encoding");

    // saved as UTF-8 (the editor's text does not change): the file watcher event re-lints
    const count = vscodeLike.published.length;
    writeFileSync(fileURLToPath(uri), DOCKERFILE);
    await vscodeLike.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri, type: FileChangeType.Changed }],
    });
    const after = await vscodeLike.waitForDiagnostics(doc.uri, (p) => vscodeLike.published.indexOf(p) >= count);
    assert.deepEqual(encodingError(after.diagnostics), []);
    assert.ok(after.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
  });

  it("a client without the command gets the error but no action that would do nothing", async () => {
    const uri = other.writeFile("o/Dockerfile", "");
    writeFileSync(fileURLToPath(uri), Buffer.from(DOCKERFILE, "utf16le"));
    const doc = other.open("o/Dockerfile", "dockerfile", DOCKERFILE);
    const errors = encodingError((await other.waitForDiagnostics(doc.uri)).diagnostics);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message as string, /without a byte-order mark/);
    const actions = (await other.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: errors[0]!.range,
      context: { diagnostics: errors },
    })) as CodeAction[];
    assert.deepEqual(
      actions.filter((a) => a.command || /encoding|UTF-8/i.test(a.title)),
      [],
    );
  });

  it("an untitled document has no bytes on disk: nothing to report", async () => {
    const doc = other.openUri("untitled:Untitled-7", "dockerfile", DOCKERFILE);
    assert.deepEqual(encodingError((await other.waitForDiagnostics(doc.uri)).diagnostics), []);
  });
});
