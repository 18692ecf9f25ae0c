/**
 * The extension's one bundle, named by both `main` and `browser` in package.json. VS Code runs it in a Node
 * extension host (desktop, remote and code-server's server side) or in a web worker (vscode.dev, github.dev,
 * code-server's web worker host); the check VS Code itself makes picks the client, and only that one is loaded.
 */
import type * as vscode from "vscode";
import type { ShipshapeClient } from "./lsp/client";

const inNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

interface Client {
  activate(context: vscode.ExtensionContext): Promise<ShipshapeClient>;
  deactivate(): Promise<void>;
}
const client: Promise<Client> = inNode ? import("./extension") : import("./browserExtension");

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeClient> {
  return (await client).activate(context);
}

export async function deactivate(): Promise<void> {
  await (await client).deactivate();
}
