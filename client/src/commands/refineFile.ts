/**
 * "Shipshape: Refine for a goal…": the goal's larger changes (builder/runtime split, manifests first, secret mounts)
 * and its safe fixes, computed by the server, shown as one diff (the file now ↔ refined) with a question beside it.
 * Apply writes the whole change as one edit (one Ctrl+Z); Cancel or Escape writes nothing. What the goal asks for
 * that the server could not change safely is listed in the question and in the closing message.
 */
import * as vscode from "vscode";
import type { WorkspaceEdit } from "vscode-languageserver-types";
import { GOAL_CATEGORIES, GOAL_TITLES, parseGoal, REFINE_GOALS, type RefineGoal } from "../../../server/src/engine/choices";
import { SERVER_COMMANDS, type RefineResponse } from "../../../server/src/services/protocol";
import { askBesideDiff, documentFor, type DiffAnswer } from "./shared";
import { messageOf, type ServerApi } from "./server";

export const REFINE_FILE = "shipshape.refineFile";

export type RefineAnswer = "apply" | "cancel";

export interface RefineFileArgs {
  uri?: vscode.Uri | string;
  /** smaller-image | faster-builds | security | production */
  goal?: RefineGoal | string;
  /** The answer to the preview, so nothing is asked (for tests and other extensions); default: ask beside the diff. */
  answer?: RefineAnswer;
  /** Show no message (the goal must then be given). */
  quiet?: boolean;
}

export interface RefineFileResult {
  goal: RefineGoal;
  /** The safe fixes written (none when cancelled or nothing changed). */
  applied: { ruleId: string; title: string; line: number }[];
  /** The larger changes written. */
  goalChanges: { ruleId: string; title: string }[];
  /** What the goal asks for that was left to the user (never written). */
  advice: { ruleId: string; title: string; message: string; line?: number }[];
  /** Findings of the goal with no safe fix. */
  remaining: number;
  changed: boolean;
  /** The user answered Cancel (or Escape): nothing was written. */
  cancelled?: boolean;
}

const GOAL_DESCRIPTIONS: Record<RefineGoal, string> = {
  "smaller-image": "builder/runtime split, slim base, cleanup",
  "faster-builds": "manifests before source, cache mounts",
  security: "non-root, secrets out of ARG/ENV, pinned bases",
  production: "health checks, exec form, signals",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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
      { placeHolder: "Refine this file for… (you see the changes as a diff before anything is written)" },
    );
    if (!picked) return undefined;
    goal = picked.id;
  }
  const version = doc.version;
  let result: RefineResponse;
  try {
    result = await api.call<RefineResponse>(SERVER_COMMANDS.refine, { uri: doc.uri.toString(), goal });
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return undefined;
  }
  const title = `Shipshape (${GOAL_TITLES[goal]})`;
  const unchanged: RefineFileResult = {
    goal,
    applied: [],
    goalChanges: [],
    advice: result.advice,
    remaining: result.remaining,
    changed: false,
  };
  if (!result.edit) {
    if (!args.quiet) void vscode.window.showInformationMessage(`${title}: nothing to change.${leftToYou(result)}`);
    return unchanged;
  }
  const others = otherFiles(result.edit, doc.uri.toString());
  const otherNames = others.map((o) => o.name);
  const answer = args.answer ?? (await askRefine(doc, result, goal, others));
  if (answer === "cancel") {
    if (!args.quiet) void vscode.window.showInformationMessage(`${title}: cancelled; nothing was changed.`);
    return { ...unchanged, cancelled: true };
  }
  // the edit was computed from the text at `version`: once the user typed (in the file or the diff's left side),
  // it no longer fits, and applying it would garble the file
  const pinned = pinnedVersion(result.edit, doc.uri.toString());
  if (doc.version !== version || (pinned !== undefined && pinned !== version)) {
    void vscode.window.showErrorMessage(
      `${title}: ${doc.uri.path.split("/").pop()} changed after the refined version was computed; nothing was changed. Run Refine again.`,
    );
    return unchanged;
  }
  if (!(await vscode.workspace.applyEdit(await api.asWorkspaceEdit(result.edit)))) {
    void vscode.window.showErrorMessage(
      `${title}: the refined text could not be applied (did the file change meanwhile?). Nothing was changed.`,
    );
    return unchanged;
  }
  if (!args.quiet) {
    const done = [
      ...(result.goalChanges.length ? [plural(result.goalChanges.length, "larger change")] : []),
      ...(result.applied.length ? [plural(result.applied.length, "safe fix", "safe fixes")] : []),
    ];
    const skipped = result.outside.length ? ` Not written (outside the workspace): ${result.outside.join(", ")}.` : "";
    const created = others.length ? ` Also wrote ${otherNames.join(", ")}.` : "";
    void vscode.window.showInformationMessage(
      `${title}: applied ${done.join(" and ") || "the change"} — undo with one Ctrl+Z.${created}${skipped}${leftToYou(result)}`,
    );
  }
  return {
    goal,
    applied: result.applied,
    goalChanges: result.goalChanges,
    advice: result.advice,
    remaining: result.remaining,
    changed: true,
  };
}

/** The question beside the diff: Apply (the default), Cancel, then what is in the change and what is left to the user. */
function askRefine(doc: vscode.TextDocument, result: RefineResponse, goal: RefineGoal, others: OtherFile[]): Promise<RefineAnswer> {
  const name = doc.uri.path.split("/").pop() ?? "file";
  const parts = [
    ...(result.goalChanges.length ? [plural(result.goalChanges.length, "larger change")] : []),
    ...(result.applied.length ? [plural(result.applied.length, "safe fix", "safe fixes")] : []),
  ];
  const items: DiffAnswer<RefineAnswer>[] = [
    {
      id: "apply",
      label: `Apply to ${name}`,
      description: `${parts.join(" and ") || "the change"}, as one edit (one Ctrl+Z)`,
      detail: others.length ? `Also writes ${others.map((o) => o.name).join(", ")}` : undefined,
    },
    { id: "cancel", label: "Cancel", description: "write nothing" },
  ];
  const info = (label: string, entries: DiffAnswer<RefineAnswer>[]) =>
    entries.length ? [{ id: "cancel" as const, label, kind: vscode.QuickPickItemKind.Separator, inert: true }, ...entries] : [];
  items.push(
    ...info(
      "In this change",
      [
        ...result.goalChanges.map((c) => ({ label: c.title, description: c.ruleId })),
        ...result.applied.map((a) => ({ label: `line ${a.line}: ${a.title}`, description: a.ruleId })),
        // the diff shows the refined file only: a file the change creates is shown here, its first lines
        ...others.map((o) => ({
          label: `${o.created ? "Creates" : "Edits"} ${o.name}`,
          description: o.created && o.text !== undefined ? `${o.text.split("\n").filter(Boolean).length} lines` : undefined,
          detail: o.text
            ?.split("\n")
            .filter((l) => l.trim() !== "")
            .slice(0, 12)
            .join("  "),
        })),
      ].map((i) => ({ ...i, id: "apply" as const, inert: true })),
    ),
    ...info(
      "Left to you (not in the change)",
      result.advice.map((a) => ({
        id: "cancel" as const,
        inert: true,
        label: `${a.line !== undefined ? `line ${a.line}: ` : ""}${a.title}`,
        description: a.ruleId,
        detail: a.message,
      })),
    ),
  );
  return askBesideDiff({
    original: doc.uri,
    path: `refined/${name}`,
    proposed: result.text ?? doc.getText(),
    diffTitle: `${name}: now ↔ refined for ${GOAL_TITLES[goal].toLowerCase()}`,
    title: `Shipshape: refine ${name} for ${GOAL_TITLES[goal].toLowerCase()}`,
    placeholder: "The diff shows the file now (left) and refined (right). Enter applies; Escape cancels: nothing is written.",
    items,
    dismissed: "cancel",
  });
}

/** "N findings need a decision; M changes left to you: …", for the closing message. */
function leftToYou(result: RefineResponse): string {
  const parts: string[] = [];
  if (result.advice.length)
    parts.push(
      ` Left to you: ${result.advice
        .slice(0, 3)
        .map((a) => `${a.line !== undefined ? `line ${a.line}: ` : ""}${a.title}`)
        .join("; ")}${result.advice.length > 3 ? ` and ${result.advice.length - 3} more` : ""}.`,
    );
  if (result.remaining) parts.push(` ${plural(result.remaining, "finding")} of this goal need a decision (see the Problems view).`);
  return parts.join("");
}

interface OtherFile {
  name: string;
  /** The change creates it (else it edits an existing file). */
  created: boolean;
  /** A created file's text. */
  text?: string;
}

/** The files other than the refined one that the edit creates or changes, for the question. */
function otherFiles(edit: WorkspaceEdit, uri: string): OtherFile[] {
  const files = new Map<string, OtherFile>();
  const nameOf = (u: string) => decodeURIComponent(u.slice(u.lastIndexOf("/") + 1));
  for (const c of edit.documentChanges ?? []) {
    if ("kind" in c && c.kind === "create" && c.uri !== uri) files.set(c.uri, { name: nameOf(c.uri), created: true });
    else if ("textDocument" in c && c.textDocument.uri !== uri) {
      const known = files.get(c.textDocument.uri);
      const inserted = c.edits.map((e) => ("newText" in e ? e.newText : "")).join("");
      if (known?.created) known.text = (known.text ?? "") + inserted;
      else files.set(c.textDocument.uri, { name: nameOf(c.textDocument.uri), created: false });
    }
  }
  for (const target of Object.keys(edit.changes ?? {}))
    if (target !== uri && !files.has(target)) files.set(target, { name: nameOf(target), created: false });
  return [...files.values()];
}

/** The version of `uri` the edit is pinned to (the text the server refined); undefined when it is not pinned (not open). */
function pinnedVersion(edit: WorkspaceEdit, uri: string): number | undefined {
  for (const c of edit.documentChanges ?? [])
    if ("textDocument" in c && c.textDocument.uri === uri && typeof c.textDocument.version === "number") return c.textDocument.version;
  return undefined;
}
