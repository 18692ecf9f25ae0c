/**
 * What the generator commands share: which workspace folder to write into, the project facts read from
 * it, and writing generated files through a WorkspaceEdit without ever overwriting a file silently or
 * writing outside the folder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { GeneratedFile } from "../../../server/src/engine/generators/files";
import { planFiles, type PlannedFile } from "../../../server/src/engine/generators/plan";
import { readProjectFacts, type ProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { parseConfig, type ShipshapeConfig } from "../../../server/src/engine/config";
import { nodeFs, toPosix } from "../../../server/src/cli/nodeFs";

/** How to treat a file that exists and differs: ask (diff + question), overwrite, or skip. */
export type OverwritePolicy = "ask" | "overwrite" | "skip";

export interface WriteResult {
  /** Paths relative to the folder. */
  written: string[];
  skipped: string[];
  unchanged: string[];
  /** The folder written into. */
  folder: string;
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

function toUri(value: unknown): vscode.Uri | undefined {
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

/** True when `target` (after resolving symlinks of its existing part) is inside one of the workspace folders. */
export function insideWorkspace(target: string): boolean {
  let existing = target;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const real = path.join(fs.realpathSync(existing), ...rest);
  return (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const root = fs.existsSync(f.uri.fsPath) ? fs.realpathSync(f.uri.fsPath) : f.uri.fsPath;
    const rel = path.relative(root, real);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  });
}

export function factsOf(folder: vscode.Uri): ProjectFacts {
  return readProjectFacts(nodeFs, toPosix(folder.fsPath));
}

/** The target folder and its facts, for generators that need a dependency manifest to install from. */
export async function projectWithManifest(dir: unknown): Promise<{ folder: vscode.Uri; facts: ProjectFacts } | undefined> {
  const folder = await resolveFolder(dir);
  if (!folder) return undefined;
  const facts = factsOf(folder);
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

/**
 * Writes the files as one WorkspaceEdit. Files that do not exist are created; files that exist with the same
 * text are left alone; files that exist and differ follow `policy` — with "ask", a diff of the current file
 * against the generated one opens and the user chooses Overwrite or Skip.
 */
export async function writeGenerated(folder: vscode.Uri, files: GeneratedFile[], policy: OverwritePolicy = "ask"): Promise<WriteResult> {
  const root = toPosix(folder.fsPath);
  const result: WriteResult = { written: [], skipped: [], unchanged: [], folder: folder.fsPath };
  let plan: PlannedFile[];
  try {
    plan = planFiles(nodeFs, root, files);
  } catch (e) {
    void vscode.window.showErrorMessage(`Shipshape: ${e instanceof Error ? e.message : String(e)}`);
    return result;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const p of plan) {
    const uri = vscode.Uri.joinPath(folder, ...p.path.split("/"));
    if (!insideWorkspace(uri.fsPath)) {
      void vscode.window.showErrorMessage(`Shipshape: not writing ${p.path}: it is outside the workspace folder.`);
      result.skipped.push(p.path);
      continue;
    }
    if (p.action === "unchanged") {
      result.unchanged.push(p.path);
      continue;
    }
    if (p.action === "conflict") {
      const choice = policy === "ask" ? await askOverwrite(uri, p) : policy;
      if (choice !== "overwrite") {
        result.skipped.push(p.path);
        continue;
      }
    }
    edit.createFile(uri, { overwrite: p.action === "conflict", contents: Buffer.from(p.contents, "utf8") });
    result.written.push(p.path);
  }
  if (result.written.length > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage("Shipshape: the files could not be written.");
    return { ...result, written: [], skipped: [...result.skipped, ...result.written] };
  }
  return result;
}

let previewCounter = 0;

async function askOverwrite(uri: vscode.Uri, p: PlannedFile): Promise<"overwrite" | "skip"> {
  const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: "/" + p.path, query: String(++previewCounter) });
  previews.set(preview.toString(), p.contents);
  try {
    await vscode.commands.executeCommand("vscode.diff", uri, preview, `${p.path}: current ↔ generated by Shipshape`, { preview: true });
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
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.folder, ...open.split("/"))), { preview: false });
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

/** Rule configuration as the language server sees it: `.shipshape.json` at the folder, then the `shipshape.rules` setting. */
export function configFor(uri: vscode.Uri): ShipshapeConfig {
  const rules: Record<string, unknown> = {};
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  for (const name of [".shipshape.json", "shipshape.config.json"]) {
    if (!folder) break;
    const text = nodeFs.readFile(toPosix(path.join(folder.uri.fsPath, name)));
    if (text === undefined) continue;
    // a broken config file is reported by the language server; review with what parses
    Object.assign(rules, parseConfig(text).config.rules ?? {});
    break;
  }
  Object.assign(rules, vscode.workspace.getConfiguration("shipshape", uri).get<Record<string, unknown>>("rules") ?? {});
  return { rules: rules as ShipshapeConfig["rules"] };
}

export { toPosix, nodeFs };
