/**
 * What the generator commands share: which workspace folder to generate into, the project facts (asked from the
 * server), and writing what the server generated through one WorkspaceEdit — never overwriting a file without
 * showing the diff and asking, never writing where the server says the path leaves the workspace.
 * No Node APIs: the same code runs in the browser.
 */
import * as vscode from "vscode";
import {
  SERVER_COMMANDS,
  type GeneratedFilePlan,
  type GenerateParams,
  type GenerateResponse,
  type ProjectResponse,
} from "../../../server/src/services/protocol";
import { messageOf, type ServerApi } from "./server";

/** How to treat a file that exists and differs: ask (diff + question), overwrite, or skip. */
export type OverwritePolicy = "ask" | "overwrite" | "skip";

export interface WriteResult {
  /** Paths relative to the folder. */
  written: string[];
  skipped: string[];
  unchanged: string[];
  /** The folder written into (its file system path). */
  folder: string;
  /** The folder written into (URI). */
  folderUri: string;
}

export const PREVIEW_SCHEME = "shipshape-preview";
const previews = new Map<string, string>();

/** Serves the generated text for the diff view (`shipshape-preview:/<path>?<n>`). */
export function registerPreviewProvider(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? "",
    }),
  );
}

export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === "string" && value !== "") return value.includes("://") ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/**
 * The folder to generate into: `dir` from the arguments, a folder (or a file's folder) the command was
 * invoked on from the explorer, the only workspace folder, or the one the user picks.
 */
export async function resolveFolder(dir: unknown): Promise<vscode.Uri | undefined> {
  const given = toUri(dir);
  if (given) {
    try {
      const stat = await vscode.workspace.fs.stat(given);
      return stat.type & vscode.FileType.Directory ? given : vscode.Uri.joinPath(given, "..");
    } catch {
      void vscode.window.showErrorMessage(`Shipshape: ${given.fsPath} does not exist.`);
      return undefined;
    }
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage("Shipshape: open a folder first; generators write into the workspace folder.");
    return undefined;
  }
  if (folders.length === 1) return (folders[0] as vscode.WorkspaceFolder).uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: "Which folder holds the project?" }))?.uri;
}

/** The project facts the server reads from the folder; undefined (after saying why) when it cannot. */
export async function projectFacts(api: ServerApi, folder: vscode.Uri): Promise<ProjectResponse | undefined> {
  try {
    return await api.call<ProjectResponse>(SERVER_COMMANDS.project, { dir: folder.toString() });
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return undefined;
  }
}

/** The target folder and its facts, for generators that need a dependency manifest to install from. */
export async function projectWithManifest(
  api: ServerApi,
  dir: unknown,
): Promise<{ folder: vscode.Uri; facts: ProjectResponse } | undefined> {
  const folder = await resolveFolder(dir);
  if (!folder) return undefined;
  const facts = await projectFacts(api, folder);
  if (!facts) return undefined;
  if (!facts.hasManifest) {
    void vscode.window.showErrorMessage(
      `Shipshape: ${folder.fsPath} has no pyproject.toml, requirements*.txt or package.json, so there is nothing to install from. Add the project's dependencies first.`,
    );
    return undefined;
  }
  return { folder, facts };
}

/** The registry of hardened images: given, the default when quiet, else asked; `null` when the user cancels. */
export async function hardenedRegistry(
  flavour: string,
  given: string | undefined,
  quiet: boolean | undefined,
  fallback: string,
): Promise<string | undefined | null> {
  const registry = given ?? (quiet ? fallback : undefined);
  if (flavour !== "hardened" || registry !== undefined) return registry;
  const answer = await vscode.window.showInputBox({ prompt: "Registry of the hardened images", value: fallback, ignoreFocusOut: true });
  return answer === undefined ? null : answer;
}

/** Asks the server to generate; undefined (after saying why) when it cannot. */
export async function generateFiles(api: ServerApi, params: GenerateParams): Promise<GenerateResponse | undefined> {
  try {
    const response = await api.call<GenerateResponse>(SERVER_COMMANDS.generate, params);
    if (response.error) {
      void vscode.window.showErrorMessage(`Shipshape: ${response.error}`);
      return undefined;
    }
    return response;
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${messageOf(error)}`);
    return undefined;
  }
}

const encoder = new TextEncoder();

/**
 * Writes the generated files as one WorkspaceEdit. Files that do not exist are created; files that exist with
 * the same text are left alone; files that exist and differ follow `policy` — with "ask", a diff of the current
 * file against the generated one opens and the user chooses Overwrite or Skip (dismissing is Skip).
 */
export async function writeGenerated(generated: GenerateResponse, policy: OverwritePolicy = "ask"): Promise<WriteResult> {
  const folder = vscode.Uri.parse(generated.folder);
  const result: WriteResult = { written: [], skipped: [], unchanged: [], folder: folder.fsPath, folderUri: generated.folder };
  const edit = new vscode.WorkspaceEdit();
  for (const p of generated.files) {
    if (p.outside) {
      void vscode.window.showErrorMessage(`Shipshape: not writing ${p.path}: it is outside the workspace folder.`);
      result.skipped.push(p.path);
      continue;
    }
    if (p.action === "unchanged") {
      result.unchanged.push(p.path);
      continue;
    }
    if (p.action === "conflict") {
      const choice = policy === "ask" ? await askOverwrite(p) : policy;
      if (choice !== "overwrite") {
        result.skipped.push(p.path);
        continue;
      }
    }
    edit.createFile(vscode.Uri.parse(p.uri), { overwrite: p.action === "conflict", contents: encoder.encode(p.contents) });
    result.written.push(p.path);
  }
  if (result.written.length > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage("Shipshape: the files could not be written.");
    return { ...result, written: [], skipped: [...result.skipped, ...result.written] };
  }
  return result;
}

let previewCounter = 0;

async function askOverwrite(p: GeneratedFilePlan): Promise<"overwrite" | "skip"> {
  const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: "/" + p.path, query: String(++previewCounter) });
  previews.set(preview.toString(), p.contents);
  try {
    await vscode.commands.executeCommand("vscode.diff", vscode.Uri.parse(p.uri), preview, `${p.path}: current ↔ generated by Shipshape`, {
      preview: true,
    });
    const choice = await vscode.window.showWarningMessage(
      `${p.path} already exists and differs from what Shipshape would write. Overwrite it?`,
      { modal: true, detail: "The diff shows the current file on the left and the generated one on the right." },
      "Overwrite",
      "Skip",
    );
    return choice === "Overwrite" ? "overwrite" : "skip";
  } finally {
    previews.delete(preview.toString());
  }
}

/** Opens the main generated file and says what was written. */
export async function report(
  result: WriteResult,
  title: string,
  open: string | undefined,
  steps: string[] = [],
  quiet = false,
): Promise<void> {
  if (open && result.written.includes(open) && !quiet) {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.parse(result.folderUri), ...open.split("/")), { preview: false });
  }
  if (quiet) return;
  const parts = [`${title}: wrote ${result.written.length} file${result.written.length === 1 ? "" : "s"}`];
  if (result.skipped.length) parts.push(`kept ${result.skipped.join(", ")}`);
  if (result.unchanged.length) parts.push(`${result.unchanged.length} already up to date`);
  void vscode.window.showInformationMessage(`${parts.join("; ")}.${steps.length ? " " + steps.join(" ") : ""}`);
}

/** A yes/no-free multi-pick of options; undefined when cancelled. */
export async function pickMany<T extends string>(
  items: { id: T; label: string; description?: string; picked?: boolean }[],
  placeHolder: string,
): Promise<T[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    items.map((i) => ({ label: i.label, description: i.description, picked: i.picked, id: i.id })),
    { canPickMany: true, placeHolder, ignoreFocusOut: true },
  );
  return picked?.map((p) => p.id);
}

/** The document a command acts on: the given URI (opened), or the active editor's. */
export async function documentFor(uri: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  const target = toUri(uri);
  if (target) return vscode.workspace.openTextDocument(target);
  return vscode.window.activeTextEditor?.document;
}
