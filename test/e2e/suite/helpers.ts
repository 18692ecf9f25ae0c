// Shared by the extension-host tests: fixture documents, bounded waits, and reading diagnostics by rule id.
import * as vscode from "vscode";

export const EXTENSION_ID = "shipshape.shipshape";

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the e2e workspace folder is not open");
  return folder.uri;
}

export function fixtureUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined/false); the error says what did not appear. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
    }
    await pause(100);
  }
}

/** The rule id of a diagnostic: `code` is `{ value, target }` when the server sets codeDescription. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return String(typeof code === "object" ? code.value : code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "shipshape");
}

export function rulesIn(uri: vscode.Uri): string[] {
  return [...new Set(ours(uri).map((d) => ruleOf(d) ?? "?"))].sort();
}

export function findingFor(uri: vscode.Uri, ruleId: string): vscode.Diagnostic | undefined {
  return ours(uri).find((d) => ruleOf(d) === ruleId);
}

export function waitForFinding(uri: vscode.Uri, ruleId: string, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(
    `a ${ruleId} diagnostic on ${vscode.workspace.asRelativePath(uri)} (has: ${rulesIn(uri).join(", ") || "none"})`,
    () => findingFor(uri, ruleId),
    timeoutMs,
  );
}

export async function waitForNoFinding(uri: vscode.Uri, ruleId: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `the ${ruleId} diagnostic on ${vscode.workspace.asRelativePath(uri)} to go away`,
    () => findingFor(uri, ruleId) === undefined,
    timeoutMs,
  );
}

/** Resolves at the next diagnostics change for `uri` (bounded, with a message saying what did not come). */
export function diagnosticsChange(uri: vscode.Uri, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for new diagnostics on ${vscode.workspace.asRelativePath(uri)}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

const originals = new Map<string, string>();

/**
 * Opens a fixture file with the text it had when the run started (earlier tests may have fixed it),
 * saved to disk so the server sees the same text, and waits until our diagnostics for it arrive.
 */
export async function openFixture(
  name: string,
  expectRule?: string,
): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = fixtureUri(name);
  if (!originals.has(uri.toString())) originals.set(uri.toString(), new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  const original = originals.get(uri.toString()) as string;
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.getText() !== original) {
    // the diagnostics still listed belong to the old text (and their fixes to the old version): wait for the
    // server to publish for the restored text before anyone asks for code actions
    const republished = diagnosticsChange(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    await vscode.workspace.applyEdit(edit);
    if (doc.isDirty) await doc.save();
    await republished;
  }
  if (doc.isDirty) await doc.save();
  if (expectRule) await waitForFinding(uri, expectRule);
  return { uri, doc, editor };
}

/**
 * Asks for code actions until one matches. Right after an edit the server may still hold the previous
 * version's findings, and it offers no fix for a stale version, so one request alone can come back empty.
 * (executeCodeActionProvider does not hand back CodeAction.diagnostics: match by kind and title.)
 */
export async function waitForCodeAction(
  uri: vscode.Uri,
  range: vscode.Range | (() => vscode.Range | undefined),
  kind: string,
  matches: (a: vscode.CodeAction) => boolean,
  what: string,
): Promise<{ action: vscode.CodeAction; all: vscode.CodeAction[] }> {
  let last: vscode.CodeAction[] = [];
  try {
    return await waitFor(what, async () => {
      const r = typeof range === "function" ? range() : range;
      if (!r) return undefined;
      last = (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, r, kind)) ?? [];
      const action = last.find(matches);
      return action ? { action, all: last } : undefined;
    });
  } catch (err) {
    throw new Error(`${String(err)}; last offered: ${last.map((a) => `[${a.kind?.value}] ${a.title}`).join(" | ") || "nothing"}`);
  }
}

/** Applies a code action the way the lightbulb does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    if (!ok) throw new Error(`workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n---\n");
}

/** Updates a setting in the workspace (.vscode/settings.json of the run's copy) and returns a restore function. */
export async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}
