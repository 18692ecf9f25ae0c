/**
 * The LSP client's converters (client/src/lsp/convert.ts) against a stand-in `vscode` (vscodeStub.ts): what the
 * server sends becomes what VS Code shows, and what VS Code hands back reaches the server unchanged where the
 * server needs it (a diagnostic's `data` holds its fixes, a completion item's `data` its documentation key).
 */
import assert from "node:assert/strict";
import Module from "node:module";
import { after, before, describe, it } from "node:test";
import type * as lsp from "vscode-languageserver-protocol";
import * as stub from "./vscodeStub";

const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleWithResolve._resolveFilename;
before(() => {
  moduleWithResolve._resolveFilename = (request, ...rest) =>
    request === "vscode" ? require.resolve("./vscodeStub") : resolve(request, ...rest);
});
after(() => {
  moduleWithResolve._resolveFilename = resolve;
});

type Convert = typeof import("../../../client/src/lsp/convert");
const load = async () => (await import("../../../client/src/lsp/convert")) as Convert;

const range = (l1: number, c1: number, l2: number, c2: number): lsp.Range => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const URI = "file:///work/app/Dockerfile";

describe("LSP client converters: diagnostics", () => {
  const finding: lsp.Diagnostic = {
    range: range(1, 0, 1, 10),
    message: "MAINTAINER is deprecated",
    severity: 2,
    code: "dockerfile/maintainer-deprecated",
    codeDescription: { href: "https://example.invalid/docs/rules/dockerfile/maintainer-deprecated.md" },
    source: "shipshape",
    tags: [2],
    relatedInformation: [{ location: { uri: URI, range: range(0, 0, 0, 4) }, message: "the stage" }],
    data: { version: 3, fixes: [{ title: "Use LABEL", safe: true, edits: [] }] },
  };

  it("keep severity, source, the rule link as code target, tags and related information", async () => {
    const c = await load();
    const d = c.asDiagnostic(finding) as unknown as stub.Diagnostic;
    assert.equal(d.severity, stub.DiagnosticSeverity.Warning);
    assert.equal(d.source, "shipshape");
    assert.equal(d.message, "MAINTAINER is deprecated");
    assert.deepEqual(d.range, new stub.Range(1, 0, 1, 10));
    const code = d.code as { value: string; target: stub.Uri };
    assert.equal(code.value, "dockerfile/maintainer-deprecated");
    assert.equal(code.target.toString(), finding.codeDescription?.href);
    assert.deepEqual(d.tags, [stub.DiagnosticTag.Deprecated]);
    assert.equal(d.relatedInformation?.[0]?.message, "the stage");
    assert.equal(d.relatedInformation?.[0]?.location.uri.toString(), URI);
  });

  it("map every severity (missing = error) and both tags", async () => {
    const c = await load();
    const sev = (s?: lsp.DiagnosticSeverity) =>
      (c.asDiagnostic({ range: range(0, 0, 0, 1), message: "m", severity: s }) as unknown as stub.Diagnostic).severity;
    assert.deepEqual([sev(1), sev(2), sev(3), sev(4), sev(undefined)], [0, 1, 2, 3, 0]);
    const tagged = c.asDiagnostic({ range: range(0, 0, 0, 1), message: "m", tags: [1, 2] }) as unknown as stub.Diagnostic;
    assert.deepEqual(tagged.tags, [stub.DiagnosticTag.Unnecessary, stub.DiagnosticTag.Deprecated]);
  });

  it("go back to the server as the very diagnostic it sent, data included (the quick fixes live there)", async () => {
    const c = await load();
    const back = c.fromDiagnostic(c.asDiagnostic(finding));
    assert.deepEqual(back, finding);
    assert.deepEqual((back as { data?: unknown }).data, finding.data);
  });

  it("a diagnostic of another source is converted field by field", async () => {
    const c = await load();
    const d = new stub.Diagnostic(new stub.Range(2, 1, 2, 5), "other", stub.DiagnosticSeverity.Information);
    d.code = { value: "X1", target: stub.Uri.parse("https://example.invalid/x1") };
    d.source = "other";
    const back = c.fromDiagnostic(d as never);
    assert.deepEqual(back, {
      range: range(2, 1, 2, 5),
      message: "other",
      severity: 3,
      code: "X1",
      codeDescription: { href: "https://example.invalid/x1" },
      source: "other",
    });
  });
});

describe("LSP client converters: hover", () => {
  it("Markdown stays Markdown, untrusted; plain text is escaped; a range is kept", async () => {
    const c = await load();
    const h = c.asHover({
      contents: { kind: "markdown", value: "[rule](https://x.invalid/r.md) — why" },
      range: range(3, 0, 3, 4),
    }) as unknown as stub.Hover;
    assert.equal(h.contents.length, 1);
    assert.equal(h.contents[0]?.value, "[rule](https://x.invalid/r.md) — why");
    assert.equal(h.contents[0]?.isTrusted, false);
    assert.equal(h.contents[0]?.supportHtml, false);
    assert.deepEqual(h.range, new stub.Range(3, 0, 3, 4));
    const plain = c.asHover({ contents: { kind: "plaintext", value: "a *b*" } }) as unknown as stub.Hover;
    assert.equal(plain.contents[0]?.value, "a \\*b\\*");
    const marked = c.asHover({ contents: ["one", { language: "dockerfile", value: "FROM x" }] }) as unknown as stub.Hover;
    assert.equal(marked.contents.length, 2);
    assert.match(marked.contents[1]?.value ?? "", /```dockerfile\nFROM x\n```/);
    assert.equal(c.asHover(null), undefined);
  });
});

describe("LSP client converters: completion", () => {
  it("a snippet with a text edit becomes a SnippetString over that range; sort and filter text are kept", async () => {
    const c = await load();
    const list = c.asCompletionList({
      isIncomplete: true,
      items: [
        {
          label: "healthcheck-curl",
          kind: 15,
          detail: "HEALTHCHECK with curl",
          documentation: { kind: "markdown", value: "Checks `/health`." },
          filterText: "healthcheck-curl",
          insertTextFormat: 2,
          textEdit: { range: range(4, 0, 4, 6), newText: "HEALTHCHECK CMD curl -f http://localhost:${1:8000}/health" },
          sortText: "9healthcheck-curl",
        },
      ],
    }) as unknown as stub.CompletionList;
    assert.equal(list.isIncomplete, true);
    const item = list.items[0] as stub.CompletionItem;
    assert.equal(item.kind, stub.CompletionItemKind.Snippet);
    assert.ok(item.insertText instanceof stub.SnippetString);
    assert.equal((item.insertText as stub.SnippetString).value, "HEALTHCHECK CMD curl -f http://localhost:${1:8000}/health");
    assert.deepEqual(item.range, new stub.Range(4, 0, 4, 6));
    assert.equal(item.sortText, "9healthcheck-curl");
    assert.equal(item.filterText, "healthcheck-curl");
    assert.equal((item.documentation as stub.MarkdownString).value, "Checks `/health`.");
  });

  it("never preselects what the server did not preselect (Enter must not replace typed text)", async () => {
    const c = await load();
    const list = c.asCompletionList([
      { label: "USER daemon", filterText: "USER", insertText: "USER daemon" },
      { label: "EXPOSE", preselect: false },
    ]) as unknown as stub.CompletionList;
    assert.equal(list.isIncomplete, false);
    assert.equal(list.items[0]?.preselect, undefined);
    assert.equal(list.items[1]?.preselect, false);
    assert.equal(list.items[0]?.insertText, "USER daemon", "plain text stays a string, not a snippet");
    assert.equal(list.items[0]?.filterText, "USER");
  });

  it("insert/replace edits, label details, deprecation, commands and extra edits", async () => {
    const c = await load();
    const [item] = (
      c.asCompletionList([
        {
          label: "postgres",
          labelDetails: { detail: ":17", description: "image" },
          textEdit: { newText: "postgres:17", insert: range(1, 11, 1, 13), replace: range(1, 11, 1, 20) },
          tags: [1],
          command: { title: "again", command: "editor.action.triggerSuggest" },
          additionalTextEdits: [{ range: range(0, 0, 0, 0), newText: "# x\n" }],
          commitCharacters: [":"],
        },
      ]) as unknown as stub.CompletionList
    ).items as [stub.CompletionItem];
    assert.deepEqual(item.label, { label: "postgres", detail: ":17", description: "image" });
    assert.deepEqual(item.range, { inserting: new stub.Range(1, 11, 1, 13), replacing: new stub.Range(1, 11, 1, 20) });
    assert.deepEqual(item.tags, [stub.CompletionItemTag.Deprecated]);
    assert.deepEqual(item.command, { title: "again", command: "editor.action.triggerSuggest" });
    assert.equal(item.additionalTextEdits?.[0]?.newText, "# x\n");
    assert.deepEqual(item.commitCharacters, [":"]);
  });

  it("resolve sends the server's own item (its data) and adds the documentation to the shown item", async () => {
    const c = await load();
    const sent: lsp.CompletionItem = { label: "WORKDIR", kind: 14, data: "WORKDIR" };
    const [item] = (c.asCompletionList([sent]) as unknown as stub.CompletionList).items as [stub.CompletionItem];
    assert.equal(c.sourceCompletionItem(item as never), sent);
    const resolved = c.applyResolved(item as never, { ...sent, documentation: { kind: "markdown", value: "Sets the working directory." } });
    assert.equal(resolved, item as never, "the same item VS Code shows");
    assert.equal((item.documentation as stub.MarkdownString).value, "Sets the working directory.");
  });

  it("completion context: VS Code's trigger kinds are one less than LSP's", async () => {
    const c = await load();
    assert.deepEqual(c.fromCompletionContext({ triggerKind: 1, triggerCharacter: "$" } as never), {
      triggerKind: 2,
      triggerCharacter: "$",
    });
    assert.deepEqual(c.fromCompletionContext({ triggerKind: 2 } as never), { triggerKind: 3 });
  });
});

describe("LSP client converters: edits and code actions", () => {
  it("documentChanges apply in order: the file is created before the edit that fills it", async () => {
    const c = await load();
    const edit = c.asWorkspaceEdit({
      documentChanges: [
        { textDocument: { uri: URI, version: 4 }, edits: [{ range: range(1, 0, 1, 10), newText: "LABEL a=b" }] },
        { kind: "create", uri: "file:///work/app/.dockerignore", options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri: "file:///work/app/.dockerignore", version: null },
          edits: [{ range: range(0, 0, 0, 0), newText: ".git\n" }],
        },
        { kind: "rename", oldUri: "file:///a", newUri: "file:///b" },
        { kind: "delete", uri: "file:///c" },
      ],
    }) as unknown as stub.WorkspaceEdit;
    assert.deepEqual(
      edit.ops.map((o) => `${o.op} ${"uri" in o ? o.uri : `${o.from} -> ${o.to}`}${"text" in o ? ` ${JSON.stringify(o.text)}` : ""}`),
      [
        `replace ${URI} "LABEL a=b"`,
        "create file:///work/app/.dockerignore",
        'replace file:///work/app/.dockerignore ".git\\n"',
        "rename file:///a -> file:///b",
        "delete file:///c",
      ],
    );
    assert.deepEqual(edit.ops[1], {
      op: "create",
      uri: "file:///work/app/.dockerignore",
      options: { overwrite: false, ignoreIfExists: false },
    });
  });

  it("a changes map keeps every edit of every file", async () => {
    const c = await load();
    const edit = c.asWorkspaceEdit({
      changes: {
        [URI]: [
          { range: range(0, 0, 0, 1), newText: "a" },
          { range: range(2, 0, 2, 1), newText: "b" },
        ],
        "file:///x": [{ range: range(0, 0, 0, 0), newText: "c" }],
      },
    }) as unknown as stub.WorkspaceEdit;
    assert.equal(edit.ops.length, 3);
    assert.equal(c.asWorkspaceEdit(null), undefined);
  });

  it("an edit pinned to a version the open document has left is stale", async () => {
    const c = await load();
    const edit: lsp.WorkspaceEdit = {
      documentChanges: [
        { textDocument: { uri: URI, version: 4 }, edits: [] },
        { textDocument: { uri: "file:///closed", version: null }, edits: [] },
      ],
    };
    assert.deepEqual(
      c.staleDocuments(edit, (u) => (u === URI ? 4 : undefined)),
      [],
    );
    assert.deepEqual(
      c.staleDocuments(edit, (u) => (u === URI ? 5 : undefined)),
      [URI],
    );
  });

  it("code actions keep kind (the custom sort-keys and fix-all kinds too), preference, diagnostics and commands", async () => {
    const c = await load();
    const fix = c.asCodeAction({
      title: "Use LABEL",
      kind: "quickfix",
      isPreferred: true,
      diagnostics: [{ range: range(1, 0, 1, 10), message: "m", code: "dockerfile/maintainer-deprecated", data: { version: 1 } }],
      edit: { changes: { [URI]: [{ range: range(1, 0, 1, 10), newText: "LABEL" }] } },
    }) as unknown as stub.CodeAction;
    assert.equal(fix.kind?.value, "quickfix");
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.length, 1);
    assert.equal((fix.edit as stub.WorkspaceEdit).ops.length, 1);
    const sort = c.asCodeAction({ title: "Sort service keys", kind: "source.sortServiceKeys.shipshape" }) as unknown as stub.CodeAction;
    assert.equal(sort.kind?.value, "source.sortServiceKeys.shipshape");
    const all = c.asCodeAction({
      title: "Fix all",
      kind: "source.fixAll.shipshape",
      disabled: { reason: "none" },
    }) as unknown as stub.CodeAction;
    assert.equal(all.kind?.value, "source.fixAll.shipshape");
    assert.deepEqual(all.disabled, { reason: "none" });
    const utf8 = c.asCodeAction({
      title: "Save as UTF-8",
      kind: "quickfix",
      command: { title: "Save as UTF-8", command: "shipshape.saveAsUtf8", arguments: [URI] },
    }) as unknown as stub.CodeAction;
    assert.deepEqual(utf8.command, { title: "Save as UTF-8", command: "shipshape.saveAsUtf8", arguments: [URI] });
    assert.deepEqual(c.asCodeAction({ title: "Run", command: "shipshape.server.review", arguments: [{ uri: URI }] }), {
      title: "Run",
      command: "shipshape.server.review",
      arguments: [{ uri: URI }],
    });
  });
});

describe("LSP client converters: navigation, symbols, hints", () => {
  it("prepareRename: a range, a range with placeholder, the default behaviour; null refuses the rename", async () => {
    const c = await load();
    assert.deepEqual(c.asPrepareRename(range(2, 2, 2, 5)), new stub.Range(2, 2, 2, 5));
    assert.deepEqual(c.asPrepareRename({ range: range(2, 2, 2, 5), placeholder: "db" }), {
      range: new stub.Range(2, 2, 2, 5),
      placeholder: "db",
    });
    assert.equal(c.asPrepareRename({ defaultBehavior: true }), undefined);
    assert.throws(() => c.asPrepareRename(null), /can't be renamed/);
    assert.throws(() => c.asPrepareRename({ defaultBehavior: false }), /can't be renamed/);
  });

  it("document symbols in both shapes, with children", async () => {
    const c = await load();
    const tree = c.asDocumentSymbols([
      {
        name: "services",
        kind: 2,
        range: range(0, 0, 5, 0),
        selectionRange: range(0, 0, 0, 8),
        children: [{ name: "db", kind: 13, detail: "postgres:17", range: range(1, 2, 2, 0), selectionRange: range(1, 2, 1, 4) }],
      },
    ]) as unknown as stub.DocumentSymbol[];
    assert.equal(tree[0]?.kind, stub.SymbolKind.Module);
    assert.equal(tree[0]?.children[0]?.name, "db");
    assert.equal(tree[0]?.children[0]?.kind, stub.SymbolKind.Variable);
    assert.equal(tree[0]?.children[0]?.detail, "postgres:17");
    const flat = c.asDocumentSymbols([
      { name: "x", kind: 7, location: { uri: URI, range: range(0, 0, 0, 1) }, containerName: "c" },
    ]) as unknown as stub.SymbolInformation[];
    assert.ok(flat[0] instanceof stub.SymbolInformation);
    assert.equal(flat[0].kind, stub.SymbolKind.Property);
    assert.equal(flat[0].containerName, "c");
  });

  it("folding kinds, highlight kinds, links", async () => {
    const c = await load();
    const folds = c.asFoldingRanges([
      { startLine: 0, endLine: 3, kind: "comment" },
      { startLine: 4, endLine: 9 },
    ]) as unknown as stub.FoldingRange[];
    assert.deepEqual(folds, [new stub.FoldingRange(0, 3, stub.FoldingRangeKind.Comment), new stub.FoldingRange(4, 9, undefined)]);
    const highlights = c.asHighlights([
      { range: range(0, 0, 0, 1), kind: 3 },
      { range: range(1, 0, 1, 1) },
    ]) as unknown as stub.DocumentHighlight[];
    assert.deepEqual(
      highlights.map((h) => h.kind),
      [2, undefined],
    );
    const links = c.asDocumentLinks([
      { range: range(0, 5, 0, 20), target: "file:///work/app/base.yaml", tooltip: "open" },
    ]) as unknown as stub.DocumentLink[];
    assert.equal(links[0]?.target?.toString(), "file:///work/app/base.yaml");
    assert.equal(links[0]?.tooltip, "open");
  });

  it("definitions as locations or links", async () => {
    const c = await load();
    const one = c.asDefinition({ uri: URI, range: range(0, 0, 0, 1) }) as unknown as stub.Location[];
    assert.equal(one.length, 1);
    assert.ok(one[0] instanceof stub.Location);
    const links = c.asDefinition([
      { targetUri: URI, targetRange: range(3, 0, 5, 0), targetSelectionRange: range(3, 2, 3, 4), originSelectionRange: range(9, 4, 9, 6) },
    ]) as unknown as { targetUri: stub.Uri; targetSelectionRange: stub.Range; originSelectionRange: stub.Range }[];
    assert.equal(links[0]?.targetUri.toString(), URI);
    assert.deepEqual(links[0]?.originSelectionRange, new stub.Range(9, 4, 9, 6));
    assert.equal(c.asDefinition(null), undefined);
  });

  it("inlay hints keep their Markdown tooltip, kind and padding", async () => {
    const c = await load();
    const [hint] = c.asInlayHints([
      {
        position: { line: 3, character: 20 },
        label: "← compose.override.yml",
        kind: 2,
        tooltip: { kind: "markdown", value: "**replaced**" },
        paddingLeft: true,
      },
    ]) as unknown as [stub.InlayHint];
    assert.deepEqual(hint.position, new stub.Position(3, 20));
    assert.equal(hint.label, "← compose.override.yml");
    assert.equal(hint.kind, 2);
    assert.equal((hint.tooltip as stub.MarkdownString).value, "**replaced**");
    assert.equal(hint.paddingLeft, true);
  });

  it("incremental document changes carry their range, length and text", async () => {
    const c = await load();
    const params = c.fromContentChanges({
      document: { uri: stub.Uri.parse(URI), version: 7 },
      contentChanges: [{ range: new stub.Range(1, 0, 1, 10), rangeLength: 10, text: "LABEL" }],
    } as never);
    assert.deepEqual(params, {
      textDocument: { uri: URI, version: 7 },
      contentChanges: [{ range: range(1, 0, 1, 10), rangeLength: 10, text: "LABEL" }],
    });
  });
});
