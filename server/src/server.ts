/**
 * The Shipshape language server: `--stdio` for any LSP client, `--node-ipc` for VS Code's client.
 * Wiring only: build the services, register one handler per LSP method, listen.
 */
import { createConnection, ProposedFeatures, TextDocuments } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
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
import { lazyYamlService, type ServerContext } from "./services/context";
import { createDockerfileService } from "./services/dockerfileService";
import { DocumentStates } from "./services/documentState";
import { LintService } from "./services/linting";
import { SettingsStore } from "./services/settingsStore";
import { realPath } from "./node/realPath";

const connection = createConnection(ProposedFeatures.all);
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
  linting: new LintService(connection, documents, settings, dockerfile, log, docStates),
  yaml: lazyYamlService(log, docStates),
  log,
  capabilities: {},
  clientCommands: new Set(),
  realPath,
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

// a bug in one request must not end the session; it is logged and the next request is served
process.on("uncaughtException", (error) => log(`uncaught: ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
