// Compose editing in the real VS Code: definition and rename across the files of a project (the rename's
// WorkspaceEdit applied, both files checked), outline, document links, inlay hints and formatting.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, fixtureUri, waitFor } from "./helpers";

const BASE = [
  "services:",
  "  web:",
  "    image: nginx:1.27",
  "    depends_on:",
  "      - db",
  "    volumes:",
  "      - ./site:/usr/share/nginx/html:ro",
  "  db:",
  "    image: postgres:17",
  "",
].join("\n");
const OVERRIDE = ["services:", "  db:", "    image: postgres:17.2", "  web:", "    links:", "      - db:database", ""].join("\n");

suite("compose editing", () => {
  const folder = fixtureUri("editing-tmp");
  const base = vscode.Uri.joinPath(folder, "compose.yaml");
  const override = vscode.Uri.joinPath(folder, "compose.override.yaml");

  suiteSetup(async () => {
    await activateExtension();
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await write(base, BASE);
    await write(override, OVERRIDE);
    await write(vscode.Uri.joinPath(folder, "site", "index.html"), "<p>hi</p>\n");
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  const open = async (uri: vscode.Uri) => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
  };

  test("go to definition from a link in the override lands on the service in the base file", async () => {
    const doc = await open(override);
    const locations = await waitFor("definitions of db", async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        "vscode.executeDefinitionProvider",
        doc.uri,
        new vscode.Position(5, 9),
      );
      return found && found.length ? found : undefined;
    });
    const uris = locations.map((l) => ("targetUri" in l ? l.targetUri : l.uri).toString());
    assert.ok(uris.includes(base.toString()), uris.join(", "));
  });

  test("rename applies to both files of the project", async () => {
    const doc = await open(override);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      "vscode.executeDocumentRenameProvider",
      doc.uri,
      new vscode.Position(1, 3),
      "postgres",
    );
    assert.ok(edit && edit.size === 2, `edits for ${edit?.size ?? 0} files`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const baseDoc = await vscode.workspace.openTextDocument(base);
    assert.equal(baseDoc.getText(), BASE.replace(/\bdb\b/g, "postgres"));
    assert.equal(doc.getText(), OVERRIDE.replace(/\bdb\b/g, "postgres"));
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await baseDoc.save();
    await vscode.workspace.fs.writeFile(base, new TextEncoder().encode(BASE));
  });

  test("outline: services with their keys", async () => {
    const doc = await open(base);
    const symbols = await waitFor("document symbols", async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        "vscode.executeDocumentSymbolProvider",
        doc.uri,
      );
      return found && found.length ? found : undefined;
    });
    const services = symbols.find((s) => s.name === "services");
    assert.deepEqual(
      services?.children.map((c) => c.name),
      ["web", "db"],
    );
    assert.deepEqual(
      services?.children[0]?.children.map((c) => c.name),
      ["image", "depends_on", "volumes"],
    );
  });

  test("links: the bind-mount folder and the image page", async () => {
    const doc = await open(base);
    const links = await waitFor("document links", async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>("vscode.executeLinkProvider", doc.uri);
      return found && found.length >= 3 ? found : undefined;
    });
    const targets = links.map((l) => l.target?.toString() ?? "");
    assert.ok(targets.includes(vscode.Uri.joinPath(folder, "site").toString()), targets.join(", "));
    assert.ok(targets.includes("https://hub.docker.com/_/nginx"), targets.join(", "));
  });

  test("inlay hints: the override's image says what it replaces", async () => {
    const doc = await open(override);
    const hints = await waitFor("inlay hints", async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        "vscode.executeInlayHintProvider",
        doc.uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
      );
      return found && found.length ? found : undefined;
    });
    const labels = hints.map((h) => (typeof h.label === "string" ? h.label : h.label.map((p) => p.value).join("")));
    assert.ok(labels.includes("was postgres:17 (compose.yaml)"), labels.join(" | "));
  });

  test("formatting re-indents and keeps comments", async () => {
    const messy = vscode.Uri.joinPath(folder, "compose.messy.yaml");
    await vscode.workspace.fs.writeFile(
      messy,
      new TextEncoder().encode("services:\n    # the app\n    app:\n        image: 'busybox:1.37'\n"),
    );
    const doc = await open(messy);
    const edits = await waitFor("formatting edits", async () => {
      const options = { tabSize: 2, insertSpaces: true };
      const found = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
        "vscode.executeFormatDocumentProvider",
        doc.uri,
        options,
      );
      return found && found.length ? found : undefined;
    });
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), 'services:\n  # the app\n  app:\n    image: "busybox:1.37"\n');
    await vscode.commands.executeCommand("workbench.action.files.revert");
  });
});
