/**
 * The status bar item: the language server's state (starting, ready, stopped/error) at a glance. Clicking it opens a
 * menu: the output channel (start-up, configuration, timing), the rule list (with each rule's severity for the active
 * file; picking one opens its page), and the settings.
 */
import * as vscode from "vscode";
import { State, type ShipshapeClient } from "./lsp/client";
import { SERVER_COMMANDS, type RulesResponse } from "../../server/src/services/protocol";
import type { ServerApi } from "./commands/server";
import { messageOf } from "./commands/server";

export const STATUS_MENU_COMMAND = "shipshape.statusMenu";
export const LIST_RULES_COMMAND = "shipshape.listRules";

export type ServerStatus = "starting" | "ready" | "stopped" | "error";

const LOOK: Record<ServerStatus, { icon: string; tooltip: string }> = {
  starting: { icon: "$(sync~spin)", tooltip: "Shipshape: the language server is starting" },
  ready: { icon: "$(check)", tooltip: "Shipshape: the language server is ready" },
  stopped: { icon: "$(circle-slash)", tooltip: "Shipshape: the language server is stopped" },
  error: { icon: "$(error)", tooltip: "Shipshape: the language server failed (see the output channel)" },
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  status: ServerStatus = "starting";

  constructor() {
    this.item = vscode.window.createStatusBarItem("shipshape.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Shipshape";
    this.item.command = STATUS_MENU_COMMAND;
    this.set("starting");
    this.item.show();
  }

  set(status: ServerStatus, detail?: string): void {
    this.status = status;
    const look = LOOK[status];
    this.item.text = `${look.icon} Shipshape`;
    this.item.tooltip = `${look.tooltip}${detail ? `: ${detail}` : ""}. Click for the log, the rules and the settings.`;
    this.item.backgroundColor = status === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  /** Follows the client's state: Starting, Running, Stopped (an unexpected stop after running is an error). */
  follow(client: ShipshapeClient): vscode.Disposable {
    return client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.set("ready");
      else if (e.newState === State.Starting) this.set("starting");
      else this.set(this.status === "error" ? "error" : "stopped");
    });
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The menu behind the status bar item. */
export async function statusMenu(outputChannel: vscode.OutputChannel, status: StatusItem): Promise<void> {
  const items: (vscode.QuickPickItem & { run: () => unknown })[] = [
    { label: "$(output) Show the Shipshape output", description: `server ${status.status}`, run: () => outputChannel.show(true) },
    {
      label: "$(list-unordered) List the rules",
      description: "with their severity for this file",
      run: () => vscode.commands.executeCommand(LIST_RULES_COMMAND),
    },
    {
      label: "$(settings-gear) Open the Shipshape settings",
      description: "shipshape.rules and more",
      run: () => vscode.commands.executeCommand("workbench.action.openSettings", "shipshape"),
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: "Shipshape" });
  await picked?.run();
}

/** Every rule with its severity for the active file; picking one opens its documentation page. */
export async function listRules(api: ServerApi): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  let response: RulesResponse;
  try {
    response = await api.call<RulesResponse>(SERVER_COMMANDS.rules, active && active.scheme === "file" ? { uri: active.toString() } : {});
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return;
  }
  const items = response.rules.map((r) => ({
    label: r.id,
    description: r.severity === r.defaultSeverity ? r.severity : `${r.severity} (default ${r.defaultSeverity})`,
    detail: r.summary,
    url: r.url,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `${items.length} rules${response.file ? ` (configured by ${vscode.Uri.parse(response.file).fsPath})` : ""}: pick one to read its page`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) await vscode.env.openExternal(vscode.Uri.parse(picked.url));
}
