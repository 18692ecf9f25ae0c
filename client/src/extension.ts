/**
 * The desktop client: starts the Shipshape language server (Node) over IPC. Everything else is in common.ts.
 */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type ServerOptions } from "vscode-languageclient/node";
import { clientOptions, start } from "./common";
import { OUTPUT_CHANNEL_NAME } from "./providers";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = vscode.Uri.joinPath(context.extensionUri, "dist", "server", "server.js").fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6029"] } },
  };
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  client = new LanguageClient("shipshape", "Shipshape", serverOptions, clientOptions(outputChannel));
  await start(context, client, outputChannel);
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
