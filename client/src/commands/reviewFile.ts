/**
 * "Shipshape: Review this file": the review report (Critical / Improvements / Good) beside the file, read-only:
 * rendered by VS Code's Markdown engine into a panel (nothing untitled, nothing to save), each "Line N" a link that
 * opens the file at that line. `show: "text"` opens its Markdown source as a virtual document
 * (`shipshape-review:`), read-only too. Reviewing the same file again refreshes the open report.
 */
import * as vscode from "vscode";
import { SERVER_COMMANDS, type ReviewResponse } from "../../../server/src/services/protocol";
import { documentFor } from "./shared";
import { messageOf, type ServerApi } from "./server";

export const REVIEW_FILE = "shipshape.reviewFile";
export const REVIEW_SCHEME = "shipshape-review";

export interface ReviewFileArgs {
  /** The file to review (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** `preview` opens the rendered report beside the file (default), `text` its read-only Markdown source, `none` nothing. */
  show?: "text" | "preview" | "none";
}

export interface ReviewFileResult extends ReviewResponse {
  /** The report's (read-only, virtual) Markdown document. */
  document: vscode.TextDocument | undefined;
  /** The panel showing the rendered report, when `show` is `preview`. */
  panel?: vscode.WebviewPanel;
}

const reports = new Map<string, string>();
let changed: vscode.EventEmitter<vscode.Uri> | undefined;

/** Serves the reports (`shipshape-review:/Review of <name>.md?<file URI>`). */
export function registerReviewProvider(context: vscode.ExtensionContext): void {
  changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? "",
    }),
  );
}

/** The report's URI for a reviewed file: one per file, so a second review refreshes the first. */
export function reportUri(file: vscode.Uri): vscode.Uri {
  const name = file.path.slice(file.path.lastIndexOf("/") + 1) || "file";
  return vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/Review of ${name}.md`, query: file.toString() });
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
  let panel: vscode.WebviewPanel | undefined;
  const show = args.show ?? "preview";
  const uri = reportUri(doc.uri);
  reports.set(uri.toString(), result.markdown);
  changed?.fire(uri);
  if (show !== "none") report = await vscode.workspace.openTextDocument(uri);
  if (show === "text" && report)
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  if (show === "preview") panel = await showReport(doc.uri, result.markdown);
  return { ...result, document: report, ...(panel ? { panel } : {}) };
}

const panels = new Map<string, vscode.WebviewPanel>();

/** `](<the file's URI>#L<n>)` in the report: the links to lines of the reviewed file. */
const LINE_LINK = /\]\(([a-z][a-z0-9+.-]*:[^()\s]*)#L(\d+)\)/g;

/**
 * The rendered report in a panel beside the file (one per file). VS Code's Markdown engine renders it; links to
 * lines become in-page links that the panel's script turns into "open the file at line N" messages.
 */
async function showReport(file: vscode.Uri, markdown: string): Promise<vscode.WebviewPanel> {
  const target = file.toString();
  const local = markdown.replace(LINE_LINK, (whole, uri: string, line: string) => (uri === target ? `](#L${line})` : whole));
  let body: string;
  try {
    body = String(await vscode.commands.executeCommand<string>("markdown.api.render", local));
  } catch {
    body = `<pre>${escapeHtml(markdown)}</pre>`;
  }
  const name = file.path.slice(file.path.lastIndexOf("/") + 1) || "file";
  let panel = panels.get(target);
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      "shipshape.review",
      `Review of ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true },
    );
    const opened = panel;
    panels.set(target, opened);
    opened.onDidDispose(() => panels.delete(target));
    opened.webview.onDidReceiveMessage(async (message: { line?: unknown; href?: unknown }) => {
      if (typeof message.line === "number") {
        const at = new vscode.Position(Math.max(0, message.line - 1), 0);
        const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target);
        await vscode.window.showTextDocument(file, {
          viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
          selection: new vscode.Range(at, at),
        });
      } else if (typeof message.href === "string" && /^https?:/.test(message.href)) {
        await vscode.env.openExternal(vscode.Uri.parse(message.href));
      }
    });
  } else {
    panel.reveal(vscode.ViewColumn.Beside, true);
  }
  panel.webview.html = reportHtml(body, panel.webview.cspSource);
  return panel;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
}

function reportHtml(body: string, cspSource: string): string {
  const nonce = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} https: data:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: var(--vscode-markdown-font-size, 14px); line-height: 1.5; padding: 0 26px; color: var(--vscode-foreground); }
a { color: var(--vscode-textLink-foreground); }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 1px 3px; }
h1 { border-bottom: 1px solid var(--vscode-panel-border); }
</style></head>
<body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener("click", (event) => {
  const a = event.target instanceof Element ? event.target.closest("a") : null;
  if (!a) return;
  const href = a.getAttribute("href") || "";
  const line = /^#L([0-9]+)$/.exec(href);
  event.preventDefault();
  if (line) vscode.postMessage({ line: Number(line[1]) });
  else vscode.postMessage({ href });
});
</script></body></html>`;
}
