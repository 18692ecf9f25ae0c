/**
 * "Shipshape: Sort service keys": asks the server for its sort source action on the active compose file and
 * applies it to the editor (undoable, not saved). The order is `compose/service-keys-order`'s `order` option.
 */
import * as vscode from "vscode";
import { SORT_SERVICE_KEYS_KIND } from "../../../server/src/services/protocol";

export const SORT_SERVICE_KEYS = "shipshape.sortServiceKeys";

export async function sortServiceKeys(): Promise<void> {
  await vscode.commands.executeCommand("editor.action.sourceAction", { kind: SORT_SERVICE_KEYS_KIND, apply: "first" });
}
