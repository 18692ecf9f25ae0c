/**
 * LSP values to VS Code's and back, for what the Shipshape server sends and reads. The LSP types are imported as
 * types only: nothing of vscode-languageserver-protocol is bundled.
 */
import * as vscode from "vscode";
import type * as lsp from "vscode-languageserver-protocol";

// ---- protocol -> code ----

export const asPosition = (p: lsp.Position): vscode.Position => new vscode.Position(p.line, p.character);
export const asRange = (r: lsp.Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
export const asUri = (uri: string): vscode.Uri => vscode.Uri.parse(uri);
export const asLocation = (l: lsp.Location): vscode.Location => new vscode.Location(asUri(l.uri), asRange(l.range));

/** The protocol diagnostic each VS Code diagnostic came from: sent back as is in a code action's context (its `data` holds the fixes). */
const sourceDiagnostics = new WeakMap<vscode.Diagnostic, lsp.Diagnostic>();

function asSeverity(s: lsp.DiagnosticSeverity | undefined): vscode.DiagnosticSeverity {
  switch (s) {
    case 2:
      return vscode.DiagnosticSeverity.Warning;
    case 3:
      return vscode.DiagnosticSeverity.Information;
    case 4:
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Error;
  }
}

export function asDiagnostic(d: lsp.Diagnostic): vscode.Diagnostic {
  const message = typeof d.message === "string" ? d.message : d.message.value;
  const result = new vscode.Diagnostic(asRange(d.range), message, asSeverity(d.severity));
  if (d.code !== undefined) result.code = d.codeDescription?.href ? { value: d.code, target: asUri(d.codeDescription.href) } : d.code;
  if (d.source !== undefined) result.source = d.source;
  if (d.tags?.length)
    result.tags = d.tags.flatMap((t) => (t === 1 ? [vscode.DiagnosticTag.Unnecessary] : t === 2 ? [vscode.DiagnosticTag.Deprecated] : []));
  if (d.relatedInformation?.length)
    result.relatedInformation = d.relatedInformation.map((r) => new vscode.DiagnosticRelatedInformation(asLocation(r.location), r.message));
  sourceDiagnostics.set(result, d);
  return result;
}

export function asMarkdown(content: lsp.MarkupContent | lsp.MarkedString): vscode.MarkdownString {
  // links and code as Markdown renders them; not trusted (no command links), no HTML: as the client library did
  if (typeof content === "string") return new vscode.MarkdownString(content);
  if ("kind" in content)
    return content.kind === "markdown" ? new vscode.MarkdownString(content.value) : new vscode.MarkdownString().appendText(content.value);
  return new vscode.MarkdownString().appendCodeblock(content.value, content.language);
}

const asDocumentation = (d: string | lsp.MarkupContent): string | vscode.MarkdownString => (typeof d === "string" ? d : asMarkdown(d));

export function asHover(h: lsp.Hover | null): vscode.Hover | undefined {
  if (!h) return undefined;
  const contents = Array.isArray(h.contents) ? h.contents.map(asMarkdown) : [asMarkdown(h.contents)];
  return new vscode.Hover(contents, h.range ? asRange(h.range) : undefined);
}

export const asTextEdit = (e: lsp.TextEdit): vscode.TextEdit => new vscode.TextEdit(asRange(e.range), e.newText);
export const asTextEdits = (edits: lsp.TextEdit[] | null): vscode.TextEdit[] | undefined => edits?.map(asTextEdit);

export function asCommand(c: lsp.Command): vscode.Command {
  return { title: c.title, command: c.command, ...(c.arguments ? { arguments: c.arguments } : {}) };
}

/** The protocol completion item each VS Code item came from: sent to `completionItem/resolve` with its `data`. */
const sourceItems = new WeakMap<vscode.CompletionItem, lsp.CompletionItem>();

export function asCompletionItem(item: lsp.CompletionItem): vscode.CompletionItem {
  const label: string | vscode.CompletionItemLabel = item.labelDetails
    ? { label: item.label, detail: item.labelDetails.detail, description: item.labelDetails.description }
    : item.label;
  const result = new vscode.CompletionItem(label);
  if (item.kind !== undefined && item.kind >= 1 && item.kind <= 25) result.kind = (item.kind - 1) as vscode.CompletionItemKind;
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation !== undefined) result.documentation = asDocumentation(item.documentation);
  if (item.sortText !== undefined) result.sortText = item.sortText;
  if (item.filterText !== undefined) result.filterText = item.filterText;
  // kept exactly as the server says: it never preselects (a preselected item would replace typed text on Enter)
  if (item.preselect !== undefined) result.preselect = item.preselect;
  const snippet = item.insertTextFormat === 2;
  const text = (t: string) => (snippet ? new vscode.SnippetString(t) : t);
  if (item.textEdit) {
    result.insertText = text(item.textEdit.newText);
    result.range =
      "range" in item.textEdit
        ? asRange(item.textEdit.range)
        : { inserting: asRange(item.textEdit.insert), replacing: asRange(item.textEdit.replace) };
  } else if (item.insertText !== undefined) result.insertText = text(item.insertText);
  if (item.additionalTextEdits) result.additionalTextEdits = item.additionalTextEdits.map(asTextEdit);
  if (item.commitCharacters) result.commitCharacters = item.commitCharacters;
  if (item.command) result.command = asCommand(item.command);
  if (item.tags?.includes(1) || item.deprecated) result.tags = [vscode.CompletionItemTag.Deprecated];
  sourceItems.set(result, item);
  return result;
}

export function asCompletionList(r: lsp.CompletionList | lsp.CompletionItem[] | null): vscode.CompletionList | undefined {
  if (!r) return undefined;
  return Array.isArray(r)
    ? new vscode.CompletionList(r.map(asCompletionItem), false)
    : new vscode.CompletionList(r.items.map(asCompletionItem), r.isIncomplete);
}

/** The protocol item to resolve: the one the server sent for this VS Code item. */
export function sourceCompletionItem(item: vscode.CompletionItem): lsp.CompletionItem | undefined {
  return sourceItems.get(item);
}

/** Copies what resolving added (documentation, detail, extra edits, command) onto the item VS Code shows. */
export function applyResolved(item: vscode.CompletionItem, resolved: lsp.CompletionItem): vscode.CompletionItem {
  const r = asCompletionItem(resolved);
  if (r.documentation !== undefined) item.documentation = r.documentation;
  if (r.detail !== undefined) item.detail = r.detail;
  if (r.additionalTextEdits) item.additionalTextEdits = r.additionalTextEdits;
  if (r.command) item.command = r.command;
  sourceItems.set(item, resolved);
  return item;
}

type DocumentChange = lsp.TextDocumentEdit | lsp.CreateFile | lsp.RenameFile | lsp.DeleteFile;

export function asWorkspaceEdit(edit: lsp.WorkspaceEdit | null): vscode.WorkspaceEdit | undefined {
  if (!edit) return undefined;
  const result = new vscode.WorkspaceEdit();
  if (edit.documentChanges) {
    // in order: a file is created before the edit that fills it
    for (const c of edit.documentChanges as DocumentChange[]) {
      if ("kind" in c && c.kind === "create") result.createFile(asUri(c.uri), c.options);
      else if ("kind" in c && c.kind === "rename") result.renameFile(asUri(c.oldUri), asUri(c.newUri), c.options);
      else if ("kind" in c && c.kind === "delete") result.deleteFile(asUri(c.uri), c.options);
      else if ("textDocument" in c)
        for (const e of c.edits) result.replace(asUri(c.textDocument.uri), asRange(e.range), "newText" in e ? e.newText : "");
    }
  } else if (edit.changes) {
    for (const [uri, edits] of Object.entries(edit.changes)) for (const e of edits) result.replace(asUri(uri), asRange(e.range), e.newText);
  }
  return result;
}

/** The versioned documents an edit is pinned to that have moved on since (the edit must then not be applied). */
export function staleDocuments(edit: lsp.WorkspaceEdit, versionOf: (uri: string) => number | undefined): string[] {
  const stale: string[] = [];
  for (const c of (edit.documentChanges ?? []) as DocumentChange[]) {
    if (!("textDocument" in c) || c.textDocument.version === null || c.textDocument.version === undefined) continue;
    const now = versionOf(c.textDocument.uri);
    if (now !== undefined && now !== c.textDocument.version) stale.push(c.textDocument.uri);
  }
  return stale;
}

export function asCodeAction(a: lsp.CodeAction | lsp.Command): vscode.CodeAction | vscode.Command {
  if (typeof (a as lsp.Command).command === "string") return asCommand(a as lsp.Command);
  const action = a as lsp.CodeAction;
  const result = new vscode.CodeAction(
    action.title,
    action.kind !== undefined ? vscode.CodeActionKind.Empty.append(action.kind) : undefined,
  );
  if (action.edit) result.edit = asWorkspaceEdit(action.edit);
  if (action.diagnostics) result.diagnostics = action.diagnostics.map(asDiagnostic);
  if (action.isPreferred !== undefined) result.isPreferred = action.isPreferred;
  if (action.disabled) result.disabled = { reason: action.disabled.reason };
  if (action.command) result.command = asCommand(action.command);
  return result;
}

function asSymbolKind(k: lsp.SymbolKind): vscode.SymbolKind {
  return k >= 1 && k <= 26 ? ((k - 1) as vscode.SymbolKind) : vscode.SymbolKind.Property;
}

function asDocumentSymbol(s: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(s.name, s.detail ?? "", asSymbolKind(s.kind), asRange(s.range), asRange(s.selectionRange));
  if (s.tags?.includes(1)) result.tags = [vscode.SymbolTag.Deprecated];
  if (s.children) result.children = s.children.map(asDocumentSymbol);
  return result;
}

export function asDocumentSymbols(
  r: lsp.DocumentSymbol[] | lsp.SymbolInformation[] | null,
): vscode.DocumentSymbol[] | vscode.SymbolInformation[] | undefined {
  if (!r) return undefined;
  if (r.length > 0 && "location" in (r[0] as object))
    return (r as lsp.SymbolInformation[]).map(
      (s) => new vscode.SymbolInformation(s.name, asSymbolKind(s.kind), s.containerName ?? "", asLocation(s.location)),
    );
  return (r as lsp.DocumentSymbol[]).map(asDocumentSymbol);
}

export function asFoldingRanges(r: lsp.FoldingRange[] | null): vscode.FoldingRange[] | undefined {
  const kinds: Record<string, vscode.FoldingRangeKind> = {
    comment: vscode.FoldingRangeKind.Comment,
    imports: vscode.FoldingRangeKind.Imports,
    region: vscode.FoldingRangeKind.Region,
  };
  return r?.map((f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind !== undefined ? kinds[f.kind] : undefined));
}

export function asDefinition(r: lsp.Definition | lsp.LocationLink[] | null): vscode.Location[] | vscode.LocationLink[] | undefined {
  if (!r) return undefined;
  const list = Array.isArray(r) ? r : [r];
  if (list.length > 0 && "targetUri" in (list[0] as object))
    return (list as lsp.LocationLink[]).map((l) => ({
      originSelectionRange: l.originSelectionRange ? asRange(l.originSelectionRange) : undefined,
      targetUri: asUri(l.targetUri),
      targetRange: asRange(l.targetRange),
      targetSelectionRange: asRange(l.targetSelectionRange),
    }));
  return (list as lsp.Location[]).map(asLocation);
}

export function asHighlights(r: lsp.DocumentHighlight[] | null): vscode.DocumentHighlight[] | undefined {
  return r?.map(
    (h) =>
      new vscode.DocumentHighlight(asRange(h.range), h.kind !== undefined ? ((h.kind - 1) as vscode.DocumentHighlightKind) : undefined),
  );
}

export function asDocumentLinks(r: lsp.DocumentLink[] | null): vscode.DocumentLink[] | undefined {
  return r?.map((l) => {
    const link = new vscode.DocumentLink(asRange(l.range), l.target !== undefined ? asUri(l.target) : undefined);
    if (l.tooltip !== undefined) link.tooltip = l.tooltip;
    return link;
  });
}

export function asInlayHints(r: lsp.InlayHint[] | null): vscode.InlayHint[] | undefined {
  return r?.map((h) => {
    const label =
      typeof h.label === "string"
        ? h.label
        : h.label.map((p) => {
            const part = new vscode.InlayHintLabelPart(p.value);
            if (p.tooltip !== undefined) part.tooltip = asDocumentation(p.tooltip);
            if (p.location) part.location = asLocation(p.location);
            if (p.command) part.command = asCommand(p.command);
            return part;
          });
    const hint = new vscode.InlayHint(asPosition(h.position), label, h.kind as vscode.InlayHintKind | undefined);
    if (h.tooltip !== undefined) hint.tooltip = asDocumentation(h.tooltip);
    if (h.paddingLeft !== undefined) hint.paddingLeft = h.paddingLeft;
    if (h.paddingRight !== undefined) hint.paddingRight = h.paddingRight;
    if (h.textEdits) hint.textEdits = h.textEdits.map(asTextEdit);
    return hint;
  });
}

export function asPrepareRename(
  r: lsp.PrepareRenameResult | null,
): vscode.Range | { range: vscode.Range; placeholder: string } | undefined {
  // VS Code cancels a rename only on a rejection; "default behaviour" lets it pick the word itself
  if (r && "defaultBehavior" in r) {
    if (r.defaultBehavior) return undefined;
  } else if (r && "range" in r) return { range: asRange(r.range), placeholder: r.placeholder };
  else if (r && "start" in r) return asRange(r);
  throw new Error("The element can't be renamed.");
}

// ---- code -> protocol ----

export const fromPosition = (p: vscode.Position): lsp.Position => ({ line: p.line, character: p.character });
export const fromRange = (r: vscode.Range): lsp.Range => ({ start: fromPosition(r.start), end: fromPosition(r.end) });

export function fromDiagnostic(d: vscode.Diagnostic): lsp.Diagnostic {
  const source = sourceDiagnostics.get(d);
  if (source) return source;
  const result: lsp.Diagnostic = { range: fromRange(d.range), message: d.message, severity: (d.severity + 1) as lsp.DiagnosticSeverity };
  if (d.code !== undefined) {
    if (typeof d.code === "object") {
      result.code = d.code.value;
      result.codeDescription = { href: d.code.target.toString() };
    } else result.code = d.code;
  }
  if (d.source !== undefined) result.source = d.source;
  if (d.tags?.length) result.tags = d.tags.map((t) => (t === vscode.DiagnosticTag.Unnecessary ? 1 : 2));
  return result;
}

export function fromTextDocumentItem(doc: vscode.TextDocument): lsp.TextDocumentItem {
  return { uri: doc.uri.toString(), languageId: doc.languageId, version: doc.version, text: doc.getText() };
}

export function fromContentChanges(e: vscode.TextDocumentChangeEvent): lsp.DidChangeTextDocumentParams {
  return {
    textDocument: { uri: e.document.uri.toString(), version: e.document.version },
    contentChanges: e.contentChanges.map((c) => ({ range: fromRange(c.range), rangeLength: c.rangeLength, text: c.text })),
  };
}

export function fromCompletionContext(c: vscode.CompletionContext): lsp.CompletionContext {
  return {
    triggerKind: (c.triggerKind + 1) as lsp.CompletionTriggerKind,
    ...(c.triggerCharacter !== undefined ? { triggerCharacter: c.triggerCharacter } : {}),
  };
}
