/**
 * The composition root shared by both entries (server.ts for Node, browserServer.ts for a web worker): builds the
 * services over the host's file system and registers one handler per LSP method. Imports nothing from Node; the
 * entries bring the connection, the file system and what only their platform has.
 */
import type { Connection } from "vscode-languageserver";
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { WorkspaceFs } from "./engine/types";
import { registerCodeAction } from "./handlers/codeAction";
import { registerCompletion } from "./handlers/completion";
import { registerDidChangeConfiguration } from "./handlers/didChangeConfiguration";
import { registerDefinition } from "./handlers/definition";
import { registerDidChangeWatchedFiles } from "./handlers/didChangeWatchedFiles";
import { registerDocumentHighlight } from "./handlers/documentHighlight";
import { registerDocumentLink } from "./handlers/documentLink";
import { registerExecuteCommand } from "./handlers/executeCommand";
import { registerDocumentSymbol } from "./handlers/documentSymbol";
import { registerFoldingRange } from "./handlers/foldingRange";
import { registerFormatting } from "./handlers/formatting";
import { registerHover } from "./handlers/hover";
import { registerInitialize } from "./handlers/initialize";
import { registerInlayHint } from "./handlers/inlayHint";
import { registerOtherProviders } from "./handlers/otherProviders";
import { registerReferences } from "./handlers/references";
import { registerRename } from "./handlers/rename";
import { registerSemanticTokens } from "./handlers/semanticTokens";
import { registerTextDocumentSync } from "./handlers/textDocumentSync";
import type { ServerContext } from "./services/context";
import { createDockerfileService } from "./services/dockerfileService";
import { DocumentStates } from "./services/documentState";
import { LintService } from "./services/linting";
import { SettingsStore } from "./services/settingsStore";
import type { YamlService } from "./services/yamlService";

/** What differs between Node and the browser. */
export interface ServerHost {
  /** The workspace as the rules read it (the disk in Node; a cache filled through the client in the browser). */
  fs: WorkspaceFs;
  /** Whether a document's rules read its neighbours through `fs` (default: `file:` documents only). */
  readsNeighbours?(uri: string): boolean;
  /** Resolves symlinks (identity where the file system has none). */
  realPath(path: string): string;
  /** yaml-language-server (compose hover, completion, formatting), loaded on first use; undefined where unavailable. */
  yaml(log: (message: string) => void, docStates: DocumentStates): () => YamlService | undefined;
  /** For the start-up log line, e.g. `node v20.19.0` or `browser`. */
  runtime: string;
  /** Called when the server has had nothing to lint for a moment (the Node server returns memory). */
  onIdle?(): void;
}

export function startServer(connection: Connection, host: ServerHost): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);

  const settings = new SettingsStore(connection, log);
  const dockerfile = createDockerfileService(log);
  const docStates = new DocumentStates(log);
  const ctx: ServerContext = {
    connection,
    documents,
    docStates,
    settings,
    dockerfile,
    linting: new LintService(
      connection,
      documents,
      settings,
      dockerfile,
      log,
      docStates,
      host.fs,
      host.readsNeighbours,
      host.onIdle && (() => host.onIdle?.()),
    ),
    yaml: host.yaml(log, docStates),
    log,
    capabilities: {},
    clientCommands: new Set(),
    realPath: host.realPath,
    runtime: host.runtime,
  };

  registerInitialize(ctx);
  registerTextDocumentSync(ctx);
  registerDidChangeConfiguration(ctx);
  registerDidChangeWatchedFiles(ctx);
  registerOtherProviders(ctx);
  registerCodeAction(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerFormatting(ctx);
  registerDocumentSymbol(ctx);
  registerFoldingRange(ctx);
  registerSemanticTokens(ctx);
  registerDefinition(ctx);
  registerReferences(ctx);
  registerDocumentHighlight(ctx);
  registerRename(ctx);
  registerDocumentLink(ctx);
  registerInlayHint(ctx);
  registerExecuteCommand(ctx);
  connection.onShutdown(() => ctx.linting.dispose());

  documents.listen(connection);
  connection.listen();
  return ctx;
}
