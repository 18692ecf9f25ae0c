/** "Shipshape: Review this file": the review report (Critical / Improvements / Good) beside the file. */
import * as vscode from "vscode";
import { SERVER_COMMANDS, type ReviewResponse } from "../../../server/src/services/protocol";
import { documentFor } from "./shared";
import { messageOf, type ServerApi } from "./server";

export const REVIEW_FILE = "shipshape.reviewFile";

export interface ReviewFileArgs {
  /** The file to review (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** `text` opens the Markdown source beside the file (default), `preview` the rendered preview, `none` nothing. */
  show?: "text" | "preview" | "none";
}

export interface ReviewFileResult extends ReviewResponse {
  /** The opened report, when one was opened. */
  document: vscode.TextDocument | undefined;
}

export async function reviewFile(api: ServerApi, arg?: ReviewFileArgs | vscode.Uri): Promise<ReviewFileResult | undefined> {
  const args: ReviewFileArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const doc = await documentFor(args.uri);
  if (!doc) {
    void vscode.window.showErrorMessage("Shipshape: open a Dockerfile, a compose file or a .dockerignore to review.");
    return undefined;
  }
  let result: ReviewResponse;
  try {
    result = await api.call<ReviewResponse>(SERVER_COMMANDS.review, { uri: doc.uri.toString() });
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return undefined;
  }
  let report: vscode.TextDocument | undefined;
  const show = args.show ?? "text";
  if (show !== "none") {
    report = await vscode.workspace.openTextDocument({ language: "markdown", content: result.markdown });
    if (show === "preview") await vscode.commands.executeCommand("markdown.showPreviewToSide", report.uri);
    else await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }
  return { ...result, document: report };
}
