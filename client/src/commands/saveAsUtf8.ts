import * as vscode from "vscode";
export { SAVE_AS_UTF8_COMMAND } from "../../../server/src/services/protocol";

/**
 * The code action of a file saved as UTF-16 (Docker reads UTF-8 only). No edit can change a file's encoding,
 * so this shows the document and opens VS Code's own encoding picker on it: Save with Encoding, then UTF-8,
 * writes it; Escape writes nothing.
 */
export async function saveAsUtf8(uri?: string): Promise<void> {
  const target = typeof uri === "string" ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand("workbench.action.editor.changeEncoding");
}
