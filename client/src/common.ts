/**
 * What the desktop (extension.ts, Node) and web (browserExtension.ts, web worker) clients share: the documents
 * the server serves, the commands' way to the server, and starting. The clients differ only in how the server
 * process or worker is started.
 */
import * as vscode from "vscode";
import { ExecuteCommandRequest, State, type BaseLanguageClient, type LanguageClientOptions } from "vscode-languageclient";
import {
  OTHER_PROVIDERS_NOTIFICATION,
  SAVE_AS_UTF8_COMMAND,
  type ShipshapeInitializationOptions,
} from "../../server/src/services/protocol";
import { registerCommands } from "./commands/index";
import type { ServerApi } from "./commands/server";
import { otherProviders } from "./providers";

export function clientOptions(outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
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
    traceOutputChannel: outputChannel,
  };
}

/** The commands' way to the server: its `workspace/executeCommand` commands. */
export function serverApi(client: BaseLanguageClient): ServerApi {
  return {
    async call<R>(command: string, args: object): Promise<R> {
      if (client.state !== State.Running) throw new Error("the language server is not running (see the Shipshape output channel).");
      return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as R;
    },
    asWorkspaceEdit: (edit) => client.protocol2CodeConverter.asWorkspaceEdit(edit),
  };
}

/** Starts the client, reports a failed start, and registers the commands (they say when the server is not running). */
export async function start(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  outputChannel: vscode.LogOutputChannel,
): Promise<void> {
  try {
    await client.start();
  } catch (error) {
    outputChannel.error(`Shipshape language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage("Shipshape: the language server did not start. See the Shipshape output channel.");
  }
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      void client.sendNotification(OTHER_PROVIDERS_NOTIFICATION, otherProviders());
    }),
  );
  registerCommands(context, serverApi(client));
}
