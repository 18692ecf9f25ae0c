/**
 * What the desktop (extension.ts, Node) and web (browserExtension.ts, web worker) clients share: the documents
 * the server serves, the commands' way to the server, and starting. The clients differ only in how the server
 * process or worker is started (the transport given to the LSP client in lsp/).
 */
import * as vscode from "vscode";
import {
  FIX_ALL_REPORT_COMMAND,
  OTHER_PROVIDERS_NOTIFICATION,
  SAVE_AS_UTF8_COMMAND,
  type ShipshapeInitializationOptions,
} from "../../server/src/services/protocol";
import { registerCommands } from "./commands/index";
import type { ServerApi } from "./commands/server";
import { LspClient, State, type ClientOptions, type ShipshapeClient } from "./lsp/client";
import { asWorkspaceEdit } from "./lsp/convert";
import type { Transport } from "./lsp/jsonrpc";
import { otherProviders } from "./providers";
import { LIST_RULES_COMMAND, listRules, STATUS_MENU_COMMAND, StatusItem, statusMenu } from "./status";

export function clientOptions(
  outputChannel: vscode.LogOutputChannel,
  connect: () => Promise<Transport>,
  processId: number | null,
): ClientOptions {
  const initializationOptions: ShipshapeInitializationOptions = {
    otherProviders: otherProviders(),
    // commands/saveAsUtf8.ts: the code action of a file saved as UTF-16
    // commands/fixAllReport.ts: what Fix all runs after its edit, to say what it did
    clientCommands: [SAVE_AS_UTF8_COMMAND, FIX_ALL_REPORT_COMMAND],
  };
  return {
    documentSelector: [
      { language: "dockerfile" },
      { language: "dockercompose" },
      // compose files that another extension (or an older VS Code) left as plain YAML
      { language: "yaml", pattern: "**/{compose,docker-compose}*.{yml,yaml}" },
      { pattern: "**/{.dockerignore,*.dockerignore,.containerignore}" },
      // the config files: their problems (unknown rule id, invalid severity) show as soon as they are opened
      { pattern: "**/{.shipshape.json,shipshape.config.json}" },
    ],
    // settings are pulled with workspace/configuration; file watchers are registered by the server itself
    initializationOptions,
    outputChannel,
    connect,
    processId,
  };
}

/** The commands' way to the server: its `workspace/executeCommand` commands. */
export function serverApi(client: ShipshapeClient): ServerApi {
  return {
    async call<R>(command: string, args: object): Promise<R> {
      if (client.state !== State.Running) throw new Error("the language server is not running (see the Shipshape output channel).");
      return client.sendRequest<R>("workspace/executeCommand", { command, arguments: [args] });
    },
    asWorkspaceEdit: async (edit) => asWorkspaceEdit(edit) ?? new vscode.WorkspaceEdit(),
  };
}

/** Starts the client, reports a failed start, and registers the commands (they say when the server is not running). */
export async function start(
  context: vscode.ExtensionContext,
  options: ClientOptions,
  /** Handlers of the server's requests to this client, set before it starts. */
  beforeStart?: (client: LspClient) => void,
): Promise<LspClient> {
  const client = new LspClient(options);
  const outputChannel = options.outputChannel;
  const status = new StatusItem();
  context.subscriptions.push(status, status.follow(client));
  const api = serverApi(client);
  context.subscriptions.push(
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, () => statusMenu(outputChannel, status)),
    vscode.commands.registerCommand(LIST_RULES_COMMAND, () => listRules(api)),
  );
  beforeStart?.(client);
  const started = Date.now();
  outputChannel.info(`Shipshape ${String(context.extension.packageJSON.version ?? "")} starting its language server`);
  try {
    await client.start();
    status.set("ready");
    outputChannel.info(`language server ready in ${Date.now() - started} ms`);
  } catch (error) {
    status.set("error", String(error));
    outputChannel.error(`Shipshape language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage("Shipshape: the language server did not start. See the Shipshape output channel.");
  }
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      void client.sendNotification(OTHER_PROVIDERS_NOTIFICATION, otherProviders());
    }),
  );
  registerCommands(context, api);
  return client;
}
