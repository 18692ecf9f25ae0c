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
import { registryProblem } from "../../../server/src/engine/choices";
import type { GeneratorName } from "../../../server/src/engine/generators";
import { messageOf, type ServerApi } from "./server";

/**
 * How to treat a file that exists and differs: ask (diff + question), overwrite, skip, or merge (add only the missing
 * entries where the server offers a merge, as for `.dockerignore`; skip the others).
 */
export type OverwritePolicy = "ask" | "overwrite" | "skip" | "merge";

export interface WriteResult {
  /** Paths relative to the folder. */
  written: string[];
  skipped: string[];
  unchanged: string[];
  /** The folder written into (its file system path). */
  folder: string;
  /** The folder written into (URI). */
  folderUri: string;
  /** Files that got only the entries they lacked (a merge instead of an overwrite). */
  merged?: string[];
  /** The user cancelled (Cancel, Escape, closing the question): nothing was written. */
  cancelled?: boolean;
  /** Files of a previous run of the generator that this run does not produce (left as they are). */
  orphaned?: string[];
}

export const PREVIEW_SCHEME = "shipshape-preview";
const previews = new Map<string, string>();
let previewChanged: vscode.EventEmitter<vscode.Uri> | undefined;

/** Serves the generated text for the diff view (`shipshape-preview:/<path>?<n>`); the text can change while shown. */
export function registerPreviewProvider(context: vscode.ExtensionContext): void {
  previewChanged = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    previewChanged,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? "",
    }),
  );
}

function setPreview(uri: vscode.Uri, text: string): void {
  if (previews.get(uri.toString()) === text) return;
  previews.set(uri.toString(), text);
  previewChanged?.fire(uri);
}

export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === "string" && value !== "") return value.includes("://") ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/** Files that make a folder a project a generator can serve. */
const PROJECT_MARKERS = "**/{pyproject.toml,package.json,requirements.txt,requirements-*.txt,requirements_*.txt}";
const NOT_PROJECTS = "**/{node_modules,.venv,venv,.git,.tox,dist,build,__pycache__,site-packages}/**";
/** How deep below a workspace folder a project is looked for, and how many manifests are read at most. */
const PROJECT_DEPTH = 3;
const PROJECT_SCAN_LIMIT = 500;

/**
 * The folder to generate into: `dir` from the arguments, a folder (or a file's folder) the command was invoked on
 * from the explorer, or — when the workspace holds several projects (several workspace folders, or subfolders with
 * their own pyproject.toml / package.json / requirements.txt) — the one the user picks; projects with a manifest
 * come first, the workspace folder itself first among them. Undefined when the user cancels.
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
  const candidates = await projectFolders(folders);
  if (candidates.length === 1) return (candidates[0] as ProjectFolder).uri;
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: c.label,
      description: c.markers.length ? c.markers.join(", ") : "no dependency manifest",
      uri: c.uri,
    })),
    { placeHolder: "Which project? (the workspace holds several)", ignoreFocusOut: true, matchOnDescription: true },
  );
  return picked?.uri;
}

interface ProjectFolder {
  uri: vscode.Uri;
  label: string;
  markers: string[];
}

/** The workspace folders and the project folders below them (bounded in depth and count). */
async function projectFolders(folders: readonly vscode.WorkspaceFolder[]): Promise<ProjectFolder[]> {
  const byUri = new Map<string, ProjectFolder>();
  const multiRoot = folders.length > 1;
  for (const f of folders)
    byUri.set(f.uri.toString(), { uri: f.uri, label: multiRoot ? f.name : `${f.name} (workspace folder)`, markers: [] });
  let found: vscode.Uri[] = [];
  try {
    found = (await vscode.workspace.findFiles?.(PROJECT_MARKERS, NOT_PROJECTS, PROJECT_SCAN_LIMIT)) ?? [];
  } catch {
    found = [];
  }
  for (const file of found) {
    const folder = vscode.workspace.getWorkspaceFolder(file);
    if (!folder) continue;
    const dir = vscode.Uri.joinPath(file, "..");
    const rel = dir.path.slice(folder.uri.path.length).replace(/^\/+/, "");
    if (rel.split("/").filter(Boolean).length > PROJECT_DEPTH) continue;
    const key = dir.toString();
    const entry = byUri.get(key) ?? { uri: dir, label: multiRoot ? `${folder.name}/${rel}` : rel, markers: [] };
    entry.markers.push(file.path.slice(file.path.lastIndexOf("/") + 1));
    byUri.set(key, entry);
  }
  const all = [...byUri.values()];
  const rank = (c: ProjectFolder) => (c.markers.length > 0 ? 0 : 1);
  const isRoot = (c: ProjectFolder) => folders.some((f) => f.uri.toString() === c.uri.toString());
  return all
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || Number(isRoot(b.c)) - Number(isRoot(a.c)) || a.c.label.localeCompare(b.c.label) || a.i - b.i)
    .map((x) => ({ ...x.c, markers: [...new Set(x.c.markers)].sort() }));
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

/**
 * The target folder and its facts, for the generators that refuse some projects (no manifest to install from, no
 * Dagster definitions): the engine's reason is shown before anything is asked.
 */
export async function projectWithManifest(
  api: ServerApi,
  dir: unknown,
  generator: GeneratorName = "dockerfile",
): Promise<{ folder: vscode.Uri; facts: ProjectResponse } | undefined> {
  const folder = await resolveFolder(dir);
  if (!folder) return undefined;
  const facts = await projectFacts(api, folder);
  if (!facts) return undefined;
  const refusal = facts.refusals?.[generator];
  if (refusal !== undefined || !facts.hasManifest) {
    void vscode.window.showErrorMessage(
      `Shipshape: not generating in ${folder.fsPath}: ${refusal ?? "no pyproject.toml, requirements*.txt or package.json: nothing to install from"}.`,
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
  const answer = await vscode.window.showInputBox({
    title: "Shipshape: registry of the hardened images",
    prompt: `The images become <registry>/python:… (Docker Hardened Images: ${fallback}; or your mirror, such as registry.example.com/dhi)`,
    value: fallback,
    ignoreFocusOut: true,
    validateInput: (value) => registryProblem(value),
  });
  return answer === undefined ? null : answer.trim();
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
 * Writes the generated files as one WorkspaceEdit, applied only after every question is answered. Files that do not
 * exist are created; files that exist with the same text are left alone; files that exist and differ follow
 * `policy` — with "ask", a diff of the current file against the proposed one opens and a question beside it
 * (Keep, the default; Merge where the server offers one; Overwrite; Cancel). Cancel, Escape or closing the
 * question stops the whole command: nothing is written, not even the files answered before.
 */
export async function writeGenerated(generated: GenerateResponse, policy: OverwritePolicy = "ask"): Promise<WriteResult> {
  const folder = vscode.Uri.parse(generated.folder);
  const result: WriteResult = {
    written: [],
    skipped: [],
    unchanged: [],
    merged: [],
    orphaned: generated.orphaned ?? [],
    folder: folder.fsPath,
    folderUri: generated.folder,
  };
  const edit = new vscode.WorkspaceEdit();
  const conflicts = generated.files.filter((p) => !p.outside && p.action === "conflict");
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
    let contents = p.contents;
    if (p.action === "conflict") {
      const choice =
        policy === "ask"
          ? await askOverwrite(p, conflicts.indexOf(p) + 1, conflicts.length)
          : policy === "merge"
            ? p.merge
              ? "merge"
              : "skip"
            : policy;
      if (choice === "cancel") {
        const all = generated.files.filter((f) => f.action !== "unchanged").map((f) => f.path);
        return { ...result, written: [], merged: [], skipped: all, cancelled: true };
      }
      if (choice === "skip") {
        result.skipped.push(p.path);
        continue;
      }
      if (choice === "merge" && p.merge) {
        contents = p.merge.contents;
        result.merged?.push(p.path);
      }
    }
    edit.createFile(vscode.Uri.parse(p.uri), { overwrite: p.action === "conflict", contents: encoder.encode(contents) });
    result.written.push(p.path);
  }
  if (result.written.length > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage("Shipshape: the files could not be written.");
    return { ...result, written: [], merged: [], skipped: [...result.skipped, ...result.written] };
  }
  return result;
}

let previewCounter = 0;

type Answer = "overwrite" | "skip" | "merge" | "cancel";

/** One answer of a question asked beside a diff. */
export interface DiffAnswer<A extends string> extends vscode.QuickPickItem {
  id: A;
  /** Shown for information only: choosing it leaves the question open (the first answer becomes active again). */
  inert?: boolean;
  /** What the diff's right side shows while this answer is active (default: the proposed text). */
  shows?: string;
}

/**
 * A question asked beside a diff of `original` (left, the live file) against `proposed` (right, a read-only
 * preview). The question is a quick pick that stays open while the focus moves to the diff, so the diff can be
 * scrolled before answering; the first item is the default (Enter). Escape or closing the question answers
 * `dismissed`. The diff tab closes once the question is answered.
 */
export async function askBesideDiff<A extends string>(q: {
  original: vscode.Uri;
  /** Names the preview (its path in the `shipshape-preview:` scheme). */
  path: string;
  proposed: string;
  diffTitle: string;
  title: string;
  placeholder: string;
  items: DiffAnswer<A>[];
  dismissed: A;
}): Promise<A> {
  const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: "/" + q.path, query: String(++previewCounter) });
  setPreview(preview, q.proposed);
  const pick = vscode.window.createQuickPick<DiffAnswer<A>>();
  try {
    await vscode.commands.executeCommand("vscode.diff", q.original, preview, q.diffTitle, { preview: true, preserveFocus: true });
    const first = q.items.find((i) => !i.inert);
    pick.title = q.title;
    pick.placeholder = q.placeholder;
    pick.items = q.items;
    if (first) pick.activeItems = [first];
    pick.ignoreFocusOut = true;
    return await new Promise<A>((resolve) => {
      pick.onDidChangeActive((active) => {
        const item = active[0];
        if (item && !item.inert) setPreview(preview, item.shows ?? q.proposed);
      });
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!item) return resolve(q.dismissed);
        if (item.inert) {
          if (first) pick.activeItems = [first];
          return;
        }
        resolve(item.id);
      });
      pick.onDidHide(() => resolve(q.dismissed));
      pick.show();
    });
  } finally {
    pick.dispose();
    await closePreview(preview);
    previews.delete(preview.toString());
  }
}

/**
 * The question for one file that exists and differs. The diff opens first (current file left, proposed right) and
 * stays scrollable. Moving through the answers shows what each would write (the merge, or the generated file).
 * Keep is the default (Enter).
 */
function askOverwrite(p: GeneratedFilePlan, index: number, total: number): Promise<Answer> {
  const items: DiffAnswer<Answer>[] = [
    { id: "skip", label: `Keep ${p.path}`, description: "leave the current file as it is (default)" },
    ...(p.merge
      ? [
          {
            id: "merge" as const,
            label: `Merge: add the ${p.merge.added.length} missing entr${p.merge.added.length === 1 ? "y" : "ies"}`,
            description: "keeps every line of the current file",
            detail: p.merge.added.join("  "),
            shows: p.merge.contents,
          },
        ]
      : []),
    { id: "overwrite", label: `Overwrite ${p.path}`, description: "replace it with the generated file", shows: p.contents },
    { id: "cancel", label: "Cancel", description: "stop: write nothing at all" },
  ];
  return askBesideDiff({
    original: vscode.Uri.parse(p.uri),
    path: p.path,
    proposed: p.contents,
    diffTitle: `${p.path}: current ↔ proposed by Shipshape`,
    title: `Shipshape: ${p.path} already exists and differs${total > 1 ? ` (${index} of ${total})` : ""}`,
    placeholder: "The diff shows the current file (left) and the proposed one (right). Escape cancels: nothing is written.",
    items,
    dismissed: "cancel",
  });
}

/** Closes the diff tab of a preview once its question is answered. */
async function closePreview(preview: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups?.all.flatMap((g) => g.tabs) ?? [];
  const open = tabs.filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === preview.toString());
  if (open.length > 0) await vscode.window.tabGroups.close(open, true);
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
  if (result.cancelled) {
    void vscode.window.showInformationMessage(`${title}: cancelled; nothing was written.`);
    return;
  }
  const parts = [`${title}: wrote ${result.written.length} file${result.written.length === 1 ? "" : "s"}`];
  if (result.merged?.length) parts.push(`added the missing entries to ${result.merged.join(", ")}`);
  if (result.skipped.length) parts.push(`kept ${result.skipped.join(", ")}`);
  if (result.unchanged.length) parts.push(`${result.unchanged.length} already up to date`);
  void vscode.window.showInformationMessage(`${parts.join("; ")}.${orphanNote(result)}${steps.length ? " " + steps.join(" ") : ""}`);
}

/** Names the files of a previous run that this run left in place, so nobody is surprised by them later. */
export function orphanNote(result: WriteResult): string {
  const files = result.orphaned ?? [];
  if (files.length === 0) return "";
  return ` Left from a previous run and not part of this one (still there; delete ${files.length === 1 ? "it" : "them"} if unused): ${files.join(", ")}.`;
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
