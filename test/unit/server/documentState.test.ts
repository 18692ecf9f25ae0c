import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DocumentStates } from "../../../server/src/services/documentState";
import { schemePolicy } from "../../../server/src/services/uris";

describe("DocumentStates: revisions and the drop of every cache on close", () => {
  it("one revision per text of one open document; a reopened document at the same version gets a new one", () => {
    const states = new DocumentStates();
    const first = TextDocument.create("file:///w/compose.yaml", "dockercompose", 1, "a: 1\n");
    const r1 = states.revision(first);
    assert.equal(states.revision(first), r1, "stable while the text does not change");
    TextDocument.update(first, [{ text: "a: 2\n" }], 2);
    const r2 = states.revision(first);
    assert.notEqual(r2, r1);
    // closed and reopened: a new object with a reused version number
    const reopened = TextDocument.create("file:///w/compose.yaml", "dockercompose", 1, "b: 1\n");
    const r3 = states.revision(reopened);
    assert.ok(r3 !== r1 && r3 !== r2, "never an old revision");
  });

  it("forget runs every registered drop, and one that throws does not stop the others", () => {
    const logs: string[] = [];
    const states = new DocumentStates((m) => logs.push(m));
    const dropped: string[] = [];
    states.onForget("first", (uri) => dropped.push(`first ${uri}`));
    states.onForget("broken", () => {
      throw new Error("boom");
    });
    states.onForget("last", (uri) => dropped.push(`last ${uri}`));
    states.forget("file:///w/Dockerfile");
    assert.deepEqual(dropped, ["first file:///w/Dockerfile", "last file:///w/Dockerfile"]);
    assert.match(logs.join("\n"), /broken state of file:\/\/\/w\/Dockerfile failed: Error: boom/);
  });
});

describe("schemePolicy: what the server lints, by URI scheme", () => {
  it("file is linted with its folder; untitled and virtual workspaces on their own text; read-only SCM views not at all", () => {
    assert.deepEqual(schemePolicy("file:///w/Dockerfile"), { lint: true, neighbours: "disk" });
    for (const uri of [
      "untitled:Untitled-1",
      "vscode-vfs://github/acme/app/Dockerfile",
      "vscode-remote://ssh-remote+box/w/Dockerfile",
      "vsls:/Dockerfile",
    ])
      assert.deepEqual(schemePolicy(uri), { lint: true, neighbours: "none" }, uri);
    for (const uri of [
      "git:/w/Dockerfile?%7B%22ref%22%3A%22HEAD%22%7D",
      "GIT:/w/Dockerfile",
      "gitlens://abc/w/Dockerfile",
      "pr:/w/Dockerfile",
      "review:/w/Dockerfile",
      // the generated side of a generator's diff: no false "build context does not exist" there
      "shipshape-preview:/compose.yml?3",
    ])
      assert.deepEqual(schemePolicy(uri), { lint: false, neighbours: "none" }, uri);
  });
});
