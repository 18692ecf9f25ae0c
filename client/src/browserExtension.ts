/**
 * The web client (VS Code for the Web, vscode.dev, code-server's web worker extension host): starts the language
 * server (dist/server/server.js, which starts its browser entry there) in a web worker. Everything else is in common.ts.
 */
import * as vscode from "vscode";
import { CLIENT_FS_REQUESTS, type ClientFsParams } from "../../server/src/services/protocol";
import { clientOptions, start } from "./common";
import type { LspClient } from "./lsp/client";
import type { Message, Transport } from "./lsp/jsonrpc";
import { OUTPUT_CHANNEL_NAME } from "./providers";

/** The extension host's web globals (no DOM lib in this project's tsconfig). */
interface Worker {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (e: { data: unknown }) => void): void;
  addEventListener(type: "error", listener: (e: { message?: string }) => void): void;
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => Worker;
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

/**
 * Messages to and from the server's worker (its BrowserMessageReader/Writer): whole objects with postMessage,
 * sent as plain JSON copies so that nothing the structured clone refuses can reach it. A worker has no exit: an
 * uncaught error is logged and the worker keeps serving; only an error before its first message (the bundle did
 * not load) ends it, so that a failed start is reported instead of waiting for an answer that never comes.
 */
function workerTransport(worker: Worker, log: (text: string) => void): Transport {
  let heard = false;
  let closed = false;
  const closeListeners: ((reason: string) => void)[] = [];
  worker.addEventListener("message", () => (heard = true));
  worker.addEventListener("error", (e) => {
    const what = e.message ?? "error";
    log(`language server worker: ${what}`);
    if (heard || closed) return;
    closed = true;
    for (const l of closeListeners) l(`the worker did not start: ${what}`);
  });
  return {
    send: (message: Message) => worker.postMessage(JSON.parse(JSON.stringify(message))),
    onMessage: (listener) => worker.addEventListener("message", (e) => listener(e.data as Message)),
    onClose: (listener) => closeListeners.push(listener),
    dispose: () => worker.terminate(),
  };
}

let client: LspClient | undefined;

/** Larger neighbour files are not sent to the server (the engine skips files this large anyway). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The server's reads of neighbour files (it runs in a worker without a file system): answered with
 * `workspace.fs`, whatever the workspace's scheme. Read only; a missing or unreadable file is null.
 */
function serveFileSystem(c: LspClient): void {
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

export async function activate(context: vscode.ExtensionContext): Promise<LspClient> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, "dist", "server", "server.js");
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const connect = async () => {
    const worker = new Worker(await workerUrl(serverMain), { name: "Shipshape language server" });
    return workerTransport(worker, (text) => outputChannel.error(text));
  };
  client = await start(context, clientOptions(outputChannel, connect, null), serveFileSystem);
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
