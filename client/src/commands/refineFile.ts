/** "Shipshape: Refine for a goal…": every safe fix of the goal's rule categories, as one undoable edit. */
import * as vscode from "vscode";
import { GOAL_CATEGORIES, GOAL_TITLES, parseGoal, refine, REFINE_GOALS, type RefineGoal } from "../../../server/src/engine/refine";
import { kindOf } from "./reviewFile";
import { configFor, insideWorkspace, nodeFs, toPosix } from "./shared";

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

export async function refineFile(arg?: RefineFileArgs | vscode.Uri): Promise<RefineFileResult | undefined> {
  const args: RefineFileArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const doc =
    args.uri instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(args.uri)
      : typeof args.uri === "string"
        ? await vscode.workspace.openTextDocument(args.uri.includes("://") ? vscode.Uri.parse(args.uri) : vscode.Uri.file(args.uri))
        : vscode.window.activeTextEditor?.document;
  const kind = doc ? kindOf(doc) : undefined;
  if (!doc || !kind) {
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
  const result = refine({ path: toPosix(doc.uri.fsPath), text: doc.getText(), kind, fs: nodeFs, config: configFor(doc.uri), goal });
  if (result.changed || result.changes.length > 0) {
    const edit = new vscode.WorkspaceEdit();
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    if (result.changed) edit.replace(doc.uri, all, result.output);
    for (const change of result.changes) {
      const uri = vscode.Uri.file(change.path);
      if (!insideWorkspace(uri.fsPath)) continue;
      if (change.create !== undefined) edit.createFile(uri, { ignoreIfExists: true, contents: Buffer.from(change.create, "utf8") });
      else
        for (const e of change.edits ?? [])
          edit.replace(
            uri,
            new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
            e.newText,
          );
    }
    await vscode.workspace.applyEdit(edit);
  }
  if (!args.quiet) {
    const left = result.remaining.length ? ` ${result.remaining.length} finding(s) need a decision (see the Problems view).` : "";
    void vscode.window.showInformationMessage(
      result.applied.length
        ? `Shipshape (${GOAL_TITLES[goal]}): applied ${result.applied.length} safe fix${result.applied.length === 1 ? "" : "es"} — undo with one Ctrl+Z.${left}`
        : `Shipshape (${GOAL_TITLES[goal]}): no safe fixes to apply.${left}`,
    );
  }
  return { goal, applied: result.applied, remaining: result.remaining.length, changed: result.changed };
}
