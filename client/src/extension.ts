/**
 * The desktop client: starts the Shipshape language server (Node) as a child process over IPC. Everything else is
 * in common.ts and lsp/.
 */
import * as vscode from "vscode";
import { clientOptions, start } from "./common";
import type { LspClient } from "./lsp/client";
import { forkServer } from "./lsp/nodeTransport";
import { OUTPUT_CHANNEL_NAME } from "./providers";

let client: LspClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LspClient> {
  const module = vscode.Uri.joinPath(context.extensionUri, "dist", "server", "server.js").fsPath;
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const connect = async () => forkServer(module, (text) => outputChannel.info(text));
  client = await start(context, clientOptions(outputChannel, connect, process.pid));
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
