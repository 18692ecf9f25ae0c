import type * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

/** Registers every Shipshape command. Owned by the generators work; extension.ts only calls this. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  void context;
  void client;
}
