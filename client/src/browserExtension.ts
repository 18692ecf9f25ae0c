/**
 * The web client (VS Code for the Web, vscode.dev, code-server's web worker extension host): starts the language
 * server (dist/server/server.js, which starts its browser entry there) in a web worker. Everything else is in common.ts.
 */
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/browser";
import { CLIENT_FS_REQUESTS, type ClientFsParams } from "../../server/src/services/protocol";
import { clientOptions, start } from "./common";
import { OUTPUT_CHANNEL_NAME } from "./providers";

/** The extension host's web globals (no DOM lib in this project's tsconfig). */
declare const Worker: new (url: string, options?: { name?: string }) => Worker;
type Worker = Extract<ConstructorParameters<typeof LanguageClient>[2], { postMessage: unknown }>;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * A worker URL for the server bundle. VS Code refuses `new Worker()` on an extension installed on a remote
 * (code-server, Codespaces: `vscode-remote:` URIs), so the bundle is read through the workspace file system and
 * started from a blob; an extension served over http(s) (vscode.dev) starts from its URL.
 */
async function workerUrl(serverMain: vscode.Uri): Promise<string> {
  if (serverMain.scheme === "http" || serverMain.scheme === "https") return serverMain.toString(true);
  const code = await vscode.workspace.fs.readFile(serverMain);
  return URL.createObjectURL(new Blob([code], { type: "application/javascript" }));
}

let client: LanguageClient | undefined;

/** Larger neighbour files are not sent to the server (the engine skips files this large anyway). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The server's reads of neighbour files (it runs in a worker without a file system): answered with
 * `workspace.fs`, whatever the workspace's scheme. Read only; a missing or unreadable file is null.
 */
function serveFileSystem(c: LanguageClient): void {
  const uriOf = (p: ClientFsParams) => vscode.Uri.parse(p.uri, true);
  c.onRequest(CLIENT_FS_REQUESTS.readFile, async (p: ClientFsParams) => {
    try {
      const uri = uriOf(p);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory || stat.size > MAX_FILE_BYTES) return null;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  });
  c.onRequest(CLIENT_FS_REQUESTS.stat, async (p: ClientFsParams) => {
    try {
      const stat = await vscode.workspace.fs.stat(uriOf(p));
      return stat.type & vscode.FileType.Directory ? "directory" : "file";
    } catch {
      return null;
    }
  });
  c.onRequest(CLIENT_FS_REQUESTS.readDir, async (p: ClientFsParams) => {
    try {
      return (await vscode.workspace.fs.readDirectory(uriOf(p))).map(([name]) => name);
    } catch {
      return null;
    }
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, "dist", "server", "server.js");
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const worker = new Worker(await workerUrl(serverMain), { name: "Shipshape language server" });
  client = new LanguageClient("shipshape", "Shipshape", worker, clientOptions(outputChannel));
  serveFileSystem(client);
  await start(context, client, outputChannel);
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
