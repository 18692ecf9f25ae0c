/** "Shipshape: Review this file": the review report (Critical / Improvements / Good) beside the file. */
import * as vscode from "vscode";
import { detectKind } from "../../../server/src/engine/kinds";
import { reviewFile as review } from "../../../server/src/engine/review";
import { configFor, nodeFs, toPosix } from "./shared";

export const REVIEW_FILE = "shipshape.reviewFile";

export interface ReviewFileArgs {
  /** The file to review (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** `text` opens the Markdown source beside the file (default), `preview` the rendered preview, `none` nothing. */
  show?: "text" | "preview" | "none";
}

export interface ReviewFileResult {
  markdown: string;
  critical: number;
  improvements: number;
  good: string[];
  /** The opened report, when one was opened. */
  document: vscode.TextDocument | undefined;
}

async function documentFor(uri: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  if (typeof uri === "string") return vscode.workspace.openTextDocument(uri.includes("://") ? vscode.Uri.parse(uri) : vscode.Uri.file(uri));
  return vscode.window.activeTextEditor?.document;
}

export function kindOf(doc: vscode.TextDocument): ReturnType<typeof detectKind> {
  return detectKind(toPosix(doc.uri.fsPath), doc.languageId === "yaml" ? undefined : doc.languageId);
}

export async function reviewFile(arg?: ReviewFileArgs | vscode.Uri): Promise<ReviewFileResult | undefined> {
  const args: ReviewFileArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const doc = await documentFor(args.uri);
  const kind = doc ? kindOf(doc) : undefined;
  if (!doc || !kind) {
    void vscode.window.showErrorMessage("Shipshape: open a Dockerfile, a compose file or a .dockerignore to review.");
    return undefined;
  }
  const result = review({ path: toPosix(doc.uri.fsPath), text: doc.getText(), kind, fs: nodeFs, config: configFor(doc.uri) });
  let report: vscode.TextDocument | undefined;
  const show = args.show ?? "text";
  if (show !== "none") {
    report = await vscode.workspace.openTextDocument({ language: "markdown", content: result.markdown });
    if (show === "preview") await vscode.commands.executeCommand("markdown.showPreviewToSide", report.uri);
    else await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }
  return {
    markdown: result.markdown,
    critical: result.critical.length,
    improvements: result.improvements.length,
    good: result.good,
    document: report,
  };
}
