import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { allRules } from "../engine/rules";
import { SERVER_COMMAND_IDS } from "../services/commands";
import { DOCKERFILE_SEMANTIC_TOKENS_LEGEND } from "../services/dockerfileService";
import type { ServerContext } from "../services/context";
import { FIX_ALL_KIND, SORT_SERVICE_KEYS_KIND, type ShipshapeInitializationOptions } from "../services/protocol";
import { watchedFilesGlob } from "../engine/watch";
import { readClientSettings } from "../services/settings";
import { uriToPath } from "../services/uris";

export const SERVER_NAME = "shipshape";
export const SERVER_VERSION = "0.1.0";

export function registerInitialize(ctx: ServerContext): void {
  ctx.connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.capabilities = params.capabilities;
    ctx.settings.pullSupported = params.capabilities.workspace?.configuration === true;
    const options = (params.initializationOptions ?? {}) as ShipshapeInitializationOptions;
    if (options.settings !== undefined) ctx.settings.pushed = readClientSettings(options.settings);
    if (Array.isArray(options.clientCommands)) for (const c of options.clientCommands) if (typeof c === "string") ctx.clientCommands.add(c);
    if (options.otherProviders)
      ctx.settings.otherProviders = { dockerfile: options.otherProviders.dockerfile, compose: options.otherProviders.compose };
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    ctx.settings.roots = folders.filter((u) => u.startsWith("file:")).map(uriToPath);
    ctx.settings.folderUris = folders;
    return {
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true, triggerCharacters: ["$", "{", "-", ":", "="] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SORT_SERVICE_KEYS_KIND], resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
        semanticTokensProvider: { legend: DOCKERFILE_SEMANTIC_TOKENS_LEGEND, full: true, range: false },
        executeCommandProvider: { commands: SERVER_COMMAND_IDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  ctx.connection.onInitialized(() => {
    ctx.log(`Shipshape language server ${SERVER_VERSION} ready (${allRules.length} rules, ${ctx.runtime})`);
    if (ctx.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: "shipshape" }).catch(() => undefined);
    }
    // the server asks for its own file events, so VS Code, Neovim and others all get the same watchers
    if (ctx.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void ctx.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: watchedFilesGlob(allRules) }] })
        .catch(() => undefined);
    }
    if (ctx.capabilities.workspace?.workspaceFolders) {
      ctx.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        ctx.settings.roots = [...ctx.settings.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => uriToPath(f.uri))];
        ctx.linting.scheduleAll();
      });
    }
  });
}
