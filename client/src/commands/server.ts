/** How the commands reach the language server: its `workspace/executeCommand` commands (services/commands.ts). */
import type * as vscode from "vscode";
import type { WorkspaceEdit } from "vscode-languageserver-types";

export interface ServerApi {
  /** Runs one of SERVER_COMMANDS with its argument object; rejects with the server's message. */
  call<R>(command: string, args: object): Promise<R>;
  /** The server's LSP WorkspaceEdit as VS Code's. */
  asWorkspaceEdit(edit: WorkspaceEdit): Promise<vscode.WorkspaceEdit>;
}

/** The message of a failed request, for an error notification. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
