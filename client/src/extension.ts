/**
 * Starts the Shipshape language server over IPC and hands the client to the commands. Nothing else lives here.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { registerCommands } from "./commands/index";
import type { ServerApi } from "./commands/server";
import { otherProviders, OUTPUT_CHANNEL_NAME } from "./providers";
import {
  OTHER_PROVIDERS_NOTIFICATION,
  SAVE_AS_UTF8_COMMAND,
  type ShipshapeInitializationOptions,
} from "../../server/src/services/protocol";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join("dist", "server", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6029"] } },
  };
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const initializationOptions: ShipshapeInitializationOptions = {
    otherProviders: otherProviders(),
    // commands/saveAsUtf8.ts: the code action of a file saved as UTF-16
    clientCommands: [SAVE_AS_UTF8_COMMAND],
  };
  const clientOptions: LanguageClientOptions = {
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
  client = new LanguageClient("shipshape", "Shipshape", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    // the commands still register and say that the server is not running; the log says what failed
    outputChannel.error(`Shipshape language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage("Shipshape: the language server did not start. See the Shipshape output channel.");
  }

  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      void client?.sendNotification(OTHER_PROVIDERS_NOTIFICATION, otherProviders());
    }),
  );
  registerCommands(context, serverApi(client));
  return client;
}

/** The commands' way to the server: its `workspace/executeCommand` commands. */
function serverApi(languageClient: LanguageClient): ServerApi {
  return {
    async call<R>(command: string, args: object): Promise<R> {
      if (languageClient.state !== State.Running) throw new Error("the language server is not running (see the Shipshape output channel).");
      return (await languageClient.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as R;
    },
    asWorkspaceEdit: (edit) => languageClient.protocol2CodeConverter.asWorkspaceEdit(edit),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
