/**
 * One VS Code provider per capability the server announced in `initialize`, each a request to the server and a
 * conversion of its answer (convert.ts); and a VS Code command per server command (`workspace/executeCommand`).
 */
import * as vscode from "vscode";
import type * as lsp from "vscode-languageserver-protocol";
import {
  applyResolved,
  asCodeAction,
  asCompletionList,
  asDefinition,
  asDocumentLinks,
  asDocumentSymbols,
  asFoldingRanges,
  asHighlights,
  asHover,
  asInlayHints,
  asLocation,
  asPrepareRename,
  asTextEdits,
  asWorkspaceEdit,
  fromCompletionContext,
  fromDiagnostic,
  fromPosition,
  fromRange,
  sourceCompletionItem,
} from "./convert";
import type { LspClient } from "./client";
import { isCancellation } from "./jsonrpc";

export function registerFeatures(client: LspClient, caps: lsp.ServerCapabilities): vscode.Disposable[] {
  const selector = client.selector;
  const l = vscode.languages;
  const out: vscode.Disposable[] = [];
  const doc = (d: vscode.TextDocument) => ({ uri: d.uri.toString() });
  const at = (d: vscode.TextDocument, p: vscode.Position) => ({ textDocument: doc(d), position: fromPosition(p) });

  if (caps.hoverProvider)
    out.push(
      l.registerHoverProvider(selector, {
        provideHover: async (d, p, token) =>
          asHover((await client.request<lsp.Hover | null>("textDocument/hover", at(d, p), token)) ?? null),
      }),
    );

  const completion = caps.completionProvider;
  if (completion)
    out.push(
      l.registerCompletionItemProvider(
        selector,
        {
          provideCompletionItems: async (d, p, token, context) =>
            asCompletionList(
              (await client.request<lsp.CompletionList | lsp.CompletionItem[] | null>(
                "textDocument/completion",
                { ...at(d, p), context: fromCompletionContext(context) },
                token,
              )) ?? null,
            ),
          resolveCompletionItem: completion.resolveProvider
            ? async (item, token) => {
                const source = sourceCompletionItem(item);
                if (!source) return item;
                const resolved = await client.request<lsp.CompletionItem>("completionItem/resolve", source, token);
                return resolved ? applyResolved(item, resolved) : item;
              }
            : undefined,
        },
        ...(completion.triggerCharacters ?? []),
      ),
    );

  const codeActions = caps.codeActionProvider;
  if (codeActions) {
    const kinds = typeof codeActions === "object" ? codeActions.codeActionKinds : undefined;
    out.push(
      l.registerCodeActionsProvider(
        selector,
        {
          provideCodeActions: async (d, range, context, token) => {
            const params: lsp.CodeActionParams = {
              textDocument: doc(d),
              range: fromRange(range),
              context: {
                diagnostics: context.diagnostics.map(fromDiagnostic),
                ...(context.only ? { only: [context.only.value] } : {}),
                triggerKind: context.triggerKind as lsp.CodeActionTriggerKind,
              },
            };
            const result = await client.request<(lsp.CodeAction | lsp.Command)[] | null>("textDocument/codeAction", params, token);
            return result?.map(asCodeAction);
          },
        },
        kinds ? { providedCodeActionKinds: kinds.map((k) => vscode.CodeActionKind.Empty.append(k)) } : undefined,
      ),
    );
  }

  const formattingOptions = (o: vscode.FormattingOptions): lsp.FormattingOptions => ({ tabSize: o.tabSize, insertSpaces: o.insertSpaces });
  if (caps.documentFormattingProvider)
    out.push(
      l.registerDocumentFormattingEditProvider(selector, {
        provideDocumentFormattingEdits: async (d, options, token) =>
          asTextEdits(
            (await client.request<lsp.TextEdit[] | null>(
              "textDocument/formatting",
              { textDocument: doc(d), options: formattingOptions(options) },
              token,
            )) ?? null,
          ),
      }),
    );
  if (caps.documentRangeFormattingProvider)
    out.push(
      l.registerDocumentRangeFormattingEditProvider(selector, {
        provideDocumentRangeFormattingEdits: async (d, range, options, token) =>
          asTextEdits(
            (await client.request<lsp.TextEdit[] | null>(
              "textDocument/rangeFormatting",
              { textDocument: doc(d), range: fromRange(range), options: formattingOptions(options) },
              token,
            )) ?? null,
          ),
      }),
    );

  if (caps.documentSymbolProvider)
    out.push(
      l.registerDocumentSymbolProvider(selector, {
        provideDocumentSymbols: async (d, token) =>
          asDocumentSymbols(
            (await client.request<lsp.DocumentSymbol[] | lsp.SymbolInformation[] | null>(
              "textDocument/documentSymbol",
              { textDocument: doc(d) },
              token,
            )) ?? null,
          ),
      }),
    );

  if (caps.foldingRangeProvider)
    out.push(
      l.registerFoldingRangeProvider(selector, {
        provideFoldingRanges: async (d, _context, token) =>
          asFoldingRanges(
            (await client.request<lsp.FoldingRange[] | null>("textDocument/foldingRange", { textDocument: doc(d) }, token)) ?? null,
          ),
      }),
    );

  if (caps.definitionProvider)
    out.push(
      l.registerDefinitionProvider(selector, {
        provideDefinition: async (d, p, token) =>
          asDefinition(
            (await client.request<lsp.Definition | lsp.LocationLink[] | null>("textDocument/definition", at(d, p), token)) ?? null,
          ),
      }),
    );

  if (caps.referencesProvider)
    out.push(
      l.registerReferenceProvider(selector, {
        provideReferences: async (d, p, context, token) =>
          (
            await client.request<lsp.Location[] | null>(
              "textDocument/references",
              { ...at(d, p), context: { includeDeclaration: context.includeDeclaration } },
              token,
            )
          )?.map(asLocation),
      }),
    );

  if (caps.documentHighlightProvider)
    out.push(
      l.registerDocumentHighlightProvider(selector, {
        provideDocumentHighlights: async (d, p, token) =>
          asHighlights((await client.request<lsp.DocumentHighlight[] | null>("textDocument/documentHighlight", at(d, p), token)) ?? null),
      }),
    );

  const rename = caps.renameProvider;
  if (rename) {
    // rename reports the server's refusal (e.g. the new name is taken) as VS Code's rename message
    const strict = async <R>(method: string, params: unknown, token: vscode.CancellationToken): Promise<R | null> => {
      try {
        return await client.sendRequest<R | null>(method, params, token);
      } catch (error) {
        if (isCancellation(error) || token.isCancellationRequested) return null;
        throw new Error(error instanceof Error ? error.message : String(error));
      }
    };
    out.push(
      l.registerRenameProvider(selector, {
        provideRenameEdits: async (d, p, newName, token) =>
          asWorkspaceEdit(await strict<lsp.WorkspaceEdit>("textDocument/rename", { ...at(d, p), newName }, token)),
        prepareRename:
          typeof rename === "object" && rename.prepareProvider
            ? async (d, p, token) => {
                const result = await strict<lsp.PrepareRenameResult>("textDocument/prepareRename", at(d, p), token);
                return token.isCancellationRequested ? undefined : asPrepareRename(result);
              }
            : undefined,
      }),
    );
  }

  if (caps.documentLinkProvider)
    out.push(
      l.registerDocumentLinkProvider(selector, {
        provideDocumentLinks: async (d, token) =>
          asDocumentLinks(
            (await client.request<lsp.DocumentLink[] | null>("textDocument/documentLink", { textDocument: doc(d) }, token)) ?? null,
          ),
      }),
    );

  if (caps.inlayHintProvider)
    out.push(
      l.registerInlayHintsProvider(selector, {
        onDidChangeInlayHints: client.inlayHintsRefresh.event,
        provideInlayHints: async (d, range, token) =>
          asInlayHints(
            (await client.request<lsp.InlayHint[] | null>(
              "textDocument/inlayHint",
              { textDocument: doc(d), range: fromRange(range) },
              token,
            )) ?? null,
          ),
      }),
    );

  const tokens = caps.semanticTokensProvider;
  if (tokens?.full) {
    const legend = new vscode.SemanticTokensLegend(tokens.legend.tokenTypes, tokens.legend.tokenModifiers);
    out.push(
      l.registerDocumentSemanticTokensProvider(
        selector,
        {
          onDidChangeSemanticTokens: client.semanticTokensRefresh.event,
          provideDocumentSemanticTokens: async (d, token) => {
            const r = await client.request<lsp.SemanticTokens | null>("textDocument/semanticTokens/full", { textDocument: doc(d) }, token);
            // null where the server has none (compose files): another provider's tokens are used
            return r ? new vscode.SemanticTokens(new Uint32Array(r.data), r.resultId) : undefined;
          },
        },
        legend,
      ),
    );
  }

  // server commands run through workspace/executeCommand (code actions and other clients' menus name them)
  for (const command of caps.executeCommandProvider?.commands ?? [])
    out.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) =>
        client.sendRequest("workspace/executeCommand", { command, arguments: args }),
      ),
    );
  return out;
}
