/**
 * What the desktop (extension.ts, Node) and web (browserExtension.ts, web worker) clients share: the documents
 * the server serves, the commands' way to the server, and starting. The clients differ only in how the server
 * process or worker is started (the transport given to the LSP client in lsp/).
 */
import * as vscode from "vscode";
import {
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

export function clientOptions(
  outputChannel: vscode.LogOutputChannel,
  connect: () => Promise<Transport>,
  processId: number | null,
): ClientOptions {
  const initializationOptions: ShipshapeInitializationOptions = {
    otherProviders: otherProviders(),
    // commands/saveAsUtf8.ts: the code action of a file saved as UTF-16
    clientCommands: [SAVE_AS_UTF8_COMMAND],
  };
  return {
    documentSelector: [
      { language: "dockerfile" },
      { language: "dockercompose" },
      // compose files that another extension (or an older VS Code) left as plain YAML
      { language: "yaml", pattern: "**/{compose,docker-compose}*.{yml,yaml}" },
      { pattern: "**/{.dockerignore,*.dockerignore,.containerignore}" },
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
  beforeStart?.(client);
  try {
    await client.start();
  } catch (error) {
    options.outputChannel.error(`Shipshape language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage("Shipshape: the language server did not start. See the Shipshape output channel.");
  }
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      void client.sendNotification(OTHER_PROVIDERS_NOTIFICATION, otherProviders());
    }),
  );
  registerCommands(context, serverApi(client));
  return client;
}
