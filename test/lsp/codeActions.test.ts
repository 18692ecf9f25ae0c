import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { startServer, type OpenDocument, type TestServer } from "./helpers/client";
import { FIX_ALL_REPORT_COMMAND, type FixAllReport } from "../../server/src/services/protocol";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER Jane <jane@example.com>\nCMD ["python", "app.py"]\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';

/** Applies the edits of a WorkspaceEdit to one document's text, the way a client would. */
function apply(doc: OpenDocument, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, "expected an edit");
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (TextDocumentEdit.is(change) && change.textDocument.uri === doc.uri) {
      assert.equal(change.textDocument.version, doc.version, "edit is pinned to the document version");
      edits.push(...(change.edits as TextEdit[]));
    }
  }
  edits.push(...(edit.changes?.[doc.uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(doc.uri, doc.languageId, doc.version, doc.text), edits);
}

describe("code actions", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  const actionsFor = (doc: OpenDocument, diagnostics: Diagnostic[], only?: string[]) =>
    server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    }) as Promise<CodeAction[]>;

  it("offers the fix as a preferred quick fix; applying it makes the diagnostic go away", async () => {
    const doc = server.open("fix/Dockerfile", "dockerfile", DOCKERFILE);
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "dockerfile/maintainer-deprecated");
    assert.ok(d);
    const actions = await actionsFor(doc, [d]);
    const fix = actions.find((a) => a.kind === "quickfix" && a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(
      fix.diagnostics?.map((x) => x.code),
      ["dockerfile/maintainer-deprecated"],
    );
    server.change(doc, apply(doc, fix.edit));
    const after = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!after.diagnostics.some((x) => x.code === "dockerfile/maintainer-deprecated"));
    assert.match(doc.text, /LABEL/);
  });

  it("suppresses a rule on one line with a comment above the instruction", async () => {
    const doc = server.open("suppress/Dockerfile", "dockerfile", DOCKERFILE);
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "dockerfile/maintainer-deprecated");
    assert.ok(d);
    const suppress = (await actionsFor(doc, [d])).find((a) => a.title === "Suppress dockerfile/maintainer-deprecated on this line");
    assert.ok(suppress);
    server.change(doc, apply(doc, suppress.edit));
    assert.equal(doc.text.split("\n")[1], "# shipshape-ignore dockerfile/maintainer-deprecated");
    const after = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!after.diagnostics.some((x) => x.code === "dockerfile/maintainer-deprecated"));
  });

  it("suppresses a finding about the whole .dockerignore with a file-wide comment", async () => {
    const doc = server.open("suppress-ignore/.dockerignore", "dockerignore", "# build context\n.git\n.venv\n");
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "dockerignore/exclude-env-files");
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    const suppress = (await actionsFor(doc, [d])).find((a) => a.title === "Suppress dockerignore/exclude-env-files in this file");
    assert.ok(suppress);
    server.change(doc, apply(doc, suppress.edit));
    assert.equal(doc.text.split("\n")[0], "# shipshape-ignore-file dockerignore/exclude-env-files");
    const after = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!after.diagnostics.some((x) => x.code === "dockerignore/exclude-env-files"));
  });

  it("puts the YAML suppression above the key, indented like it", async () => {
    const text = "services:\n  web:\n    image: nginx:1.27\n    version_like: x\n";
    const doc = server.open("suppress-yaml/compose.yaml", "dockercompose", 'version: "3"\n' + text);
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "compose/no-version-key");
    assert.ok(d);
    const suppress = (await actionsFor(doc, [d])).find((a) => a.title.startsWith("Suppress compose/no-version-key"));
    assert.ok(suppress);
    server.change(doc, apply(doc, suppress.edit));
    assert.ok(doc.text.startsWith("# shipshape-ignore compose/no-version-key\nversion:"));
    const after = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!after.diagnostics.some((x) => x.code === "compose/no-version-key"));

    server.change(doc, doc.text.replace("nginx:1.27", "nginx"));
    const unpinned = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    const pin = unpinned.diagnostics.find((x) => x.code === "compose/pin-image");
    assert.ok(pin, JSON.stringify(unpinned.diagnostics.map((x) => x.code)));
    const suppressPin = (await actionsFor(doc, [pin])).find((a) => a.title.startsWith("Suppress compose/pin-image"));
    server.change(doc, apply(doc, suppressPin?.edit));
    assert.match(doc.text, /\n {4}# shipshape-ignore compose\/pin-image\n {4}image: nginx\n/);
    const clean = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!clean.diagnostics.some((x) => x.code === "compose/pin-image"));
  });

  it("source.fixAll.shipshape applies every safe fix at once", async () => {
    const doc = server.open("fixall/compose.yaml", "dockercompose", COMPOSE);
    const p = await server.waitForDiagnostics(doc.uri);
    assert.ok(p.diagnostics.some((x) => x.code === "compose/no-version-key"));
    const actions = await actionsFor(doc, [], ["source.fixAll"]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, "source.fixAll.shipshape");
    assert.equal(actions[0]?.command, undefined, "no report command for a client that did not declare it");
    server.change(doc, apply(doc, actions[0]?.edit));
    assert.doesNotMatch(doc.text, /version:/);
    const after = await server.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
    assert.ok(!after.diagnostics.some((x) => x.code === "compose/no-version-key"));
  });

  it("Fix all carries the report command for a client that has it: fixes applied, their rules, findings left", async () => {
    const reporting = await startServer({ initializationOptions: { clientCommands: [FIX_ALL_REPORT_COMMAND] } });
    try {
      const doc = reporting.open(
        "report/compose.yaml",
        "dockercompose",
        'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n',
      );
      await reporting.waitForDiagnostics(doc.uri);
      const [fixAll] = (await reporting.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: doc.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ["source.fixAll"] },
      })) as CodeAction[];
      assert.equal(fixAll?.command?.command, FIX_ALL_REPORT_COMMAND);
      const report = fixAll?.command?.arguments?.[0] as FixAllReport;
      assert.equal(report.uri, doc.uri);
      assert.ok(report.applied >= 2, JSON.stringify(report));
      assert.ok(report.rules.includes("compose/no-version-key"), JSON.stringify(report));
      reporting.change(doc, apply(doc, fixAll?.edit));
      const after = await reporting.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
      assert.equal(report.remaining, after.diagnostics.length, "what is left is what the Problems view shows");
      assert.equal(report.converged, true);
      assert.ok(!doc.text.startsWith("\n"), "no empty first line");
    } finally {
      await reporting.stop();
    }
  });

  it("Fix all on the examples reaches a fixed point in one go, adding no blank lines", async () => {
    const root = join(__dirname, "..", "..", "examples");
    const examples = await startServer({ root });
    try {
      for (const [name, languageId] of [
        ["fastapi-app/compose.yml", "dockercompose"],
        ["fastapi-app/Dockerfile", "dockerfile"],
        ["dagster-stack/compose.yml", "dockercompose"],
        ["dagster-stack/Dockerfile.user_code", "dockerfile"],
      ] as const) {
        const doc = examples.open(name, languageId, readFileSync(join(root, name), "utf8"));
        await examples.waitForDiagnostics(doc.uri);
        const ask = () =>
          examples.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: doc.uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ["source.fixAll"] },
          }) as Promise<CodeAction[]>;
        const [fixAll] = await ask();
        assert.ok(fixAll, `${name}: Fix all is offered`);
        const before = doc.text;
        examples.change(doc, apply(doc, fixAll.edit));
        await examples.waitForDiagnostics(doc.uri, (x) => x.version === doc.version);
        assert.deepEqual(await ask(), [], `${name}: a second Fix all has nothing left to do`);
        assert.ok(!/^\s*\n/.test(doc.text), `${name}: starts with an empty line:\n${doc.text.slice(0, 80)}`);
        const doubled = (t: string) => (t.match(/\n[ \t]*\n[ \t]*\n/g) ?? []).length;
        assert.ok(doubled(doc.text) <= doubled(before), `${name}: Fix all left two blank lines in a row`);
      }
    } finally {
      await examples.stop();
    }
  });

  it("a fix that creates another file comes as CreateFile + TextDocumentEdit; once the file exists the finding goes", async () => {
    const doc = server.open("ctx/Dockerfile", "dockerfile", "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n");
    const p = await server.waitForDiagnostics(doc.uri);
    const d = p.diagnostics.find((x) => x.code === "dockerfile/dockerignore-present");
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    const create = (await actionsFor(doc, [d])).find((a) => a.title === "Create a .dockerignore");
    assert.ok(create?.edit?.documentChanges);
    const [op, write] = create.edit.documentChanges;
    const target = server.uriOf("ctx/.dockerignore");
    assert.deepEqual(op, { kind: "create", uri: target, options: { overwrite: false, ignoreIfExists: false } });
    assert.ok(write && TextDocumentEdit.is(write) && write.textDocument.uri === target);
    // the client applies it: the file appears on disk and the watcher reports it
    const contents = (write.edits[0] as TextEdit).newText;
    assert.match(contents, /\.git/);
    server.writeFile("ctx/.dockerignore", contents);
    const count = server.published.length;
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: target, type: FileChangeType.Created }],
    });
    const after = await server.waitForDiagnostics(doc.uri, (x) => server.published.indexOf(x) >= count);
    assert.ok(!after.diagnostics.some((x) => x.code === "dockerfile/dockerignore-present"));
  });

  it("returns no quick fixes when only source actions are asked for, and none for foreign diagnostics", async () => {
    const doc = server.open("only/Dockerfile", "dockerfile", DOCKERFILE);
    const p = await server.waitForDiagnostics(doc.uri);
    const onlySource = await actionsFor(doc, p.diagnostics, ["source.organizeImports"]);
    assert.deepEqual(onlySource, []);
    const foreign: Diagnostic = { ...p.diagnostics[0]!, source: "someone-else", data: { fixes: "nope" } };
    const actions = await actionsFor(doc, [foreign], ["quickfix"]);
    assert.deepEqual(actions, []);
  });
});
