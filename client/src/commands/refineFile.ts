/** "Shipshape: Refine for a goal…": every safe fix of the goal's rule categories, as one undoable edit. */
import * as vscode from "vscode";
import { GOAL_CATEGORIES, GOAL_TITLES, parseGoal, REFINE_GOALS, type RefineGoal } from "../../../server/src/engine/choices";
import { SERVER_COMMANDS, type RefineResponse } from "../../../server/src/services/protocol";
import { documentFor } from "./shared";
import { messageOf, type ServerApi } from "./server";

export const REFINE_FILE = "shipshape.refineFile";

export interface RefineFileArgs {
  uri?: vscode.Uri | string;
  /** smaller-image | faster-builds | security | production */
  goal?: RefineGoal | string;
  /** Show no message (the goal must then be given). */
  quiet?: boolean;
}

export interface RefineFileResult {
  goal: RefineGoal;
  applied: { ruleId: string; title: string; line: number }[];
  /** Findings of the goal with no safe fix. */
  remaining: number;
  changed: boolean;
}

const GOAL_DESCRIPTIONS: Record<RefineGoal, string> = {
  "smaller-image": "multi-stage, slim base, cleanup",
  "faster-builds": "cache mounts, layer order",
  security: "non-root, no secrets in the image",
  production: "health checks, signals, restart policies",
};

export async function refineFile(api: ServerApi, arg?: RefineFileArgs | vscode.Uri): Promise<RefineFileResult | undefined> {
  const args: RefineFileArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const doc = await documentFor(args.uri);
  if (!doc) {
    void vscode.window.showErrorMessage("Shipshape: open a Dockerfile or a compose file to refine.");
    return undefined;
  }
  let goal = typeof args.goal === "string" ? parseGoal(args.goal) : undefined;
  if (!goal) {
    const picked = await vscode.window.showQuickPick(
      REFINE_GOALS.map((g) => ({
        label: GOAL_TITLES[g],
        description: `${GOAL_DESCRIPTIONS[g]} (${GOAL_CATEGORIES[g].join(", ")} rules)`,
        id: g,
      })),
      { placeHolder: "Refine this file for…" },
    );
    if (!picked) return undefined;
    goal = picked.id;
  }
  let result: RefineResponse;
  try {
    result = await api.call<RefineResponse>(SERVER_COMMANDS.refine, { uri: doc.uri.toString(), goal });
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return undefined;
  }
  let changed = result.changed;
  // the user asked for this goal's safe fixes: applied as one edit, undone with one Ctrl+Z
  if (result.edit && !(await vscode.workspace.applyEdit(await api.asWorkspaceEdit(result.edit)))) {
    changed = false;
    void vscode.window.showErrorMessage(
      "Shipshape: the refined text could not be applied (did the file change meanwhile?). Nothing was changed.",
    );
  }
  if (!args.quiet) {
    const left = result.remaining ? ` ${result.remaining} finding(s) need a decision (see the Problems view).` : "";
    const skipped = result.outside.length ? ` Not written (outside the workspace): ${result.outside.join(", ")}.` : "";
    void vscode.window.showInformationMessage(
      result.applied.length && changed
        ? `Shipshape (${GOAL_TITLES[goal]}): applied ${result.applied.length} safe fix${result.applied.length === 1 ? "" : "es"} — undo with one Ctrl+Z.${left}${skipped}`
        : `Shipshape (${GOAL_TITLES[goal]}): no safe fixes to apply.${left}`,
    );
  }
  return { goal: result.goal, applied: changed ? result.applied : [], remaining: result.remaining, changed };
}
