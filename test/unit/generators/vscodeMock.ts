/**
 * A small stand-in for the `vscode` module, enough to run the generator commands' write path in node's test
 * runner: Uri, WorkspaceEdit (file creations applied to disk), workspace folders, and window/commands calls
 * recorded with scripted answers. The real editor is covered by the e2e suite; this one reaches the
 * confirmation step (a modal) that an extension-host test cannot answer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TextEdit, WorkspaceEdit as LspWorkspaceEdit } from "vscode-languageserver-types";
import { applyEdits } from "../../../server/src/engine/text";

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = "",
  ) {}
  static file(p: string): Uri {
    return new Uri("file", p);
  }
  static parse(s: string): Uri {
    const m = /^([a-z-]+):\/\/?([^?]*)(?:\?(.*))?$/.exec(s);
    return m ? new Uri(m[1] as string, "/" + (m[2] as string).replace(/^\/+/, ""), m[3] ?? "") : Uri.file(s);
  }
  static from(c: { scheme: string; path: string; query?: string }): Uri {
    return new Uri(c.scheme, c.path, c.query ?? "");
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    return new Uri(u.scheme, path.posix.join(u.path, ...parts), u.query);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ""}`;
  }
}

export const FileType = { File: 1, Directory: 2 };
export const QuickPickItemKind = { Separator: -1, Default: 0 };

export class EventEmitter<T> {
  private readonly listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose() {} };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {}
}

export class TabInputTextDiff {
  constructor(
    readonly original: Uri,
    readonly modified: Uri,
  ) {}
}

/** A quick pick that answers `recorded.answer` (by item id) once shown, or is hidden (Escape) when it is undefined. */
class QuickPick<T extends { id: string }> {
  title = "";
  placeholder = "";
  items: T[] = [];
  activeItems: T[] = [];
  selectedItems: T[] = [];
  ignoreFocusOut = false;
  private readonly accept = new EventEmitter<void>();
  private readonly hide = new EventEmitter<void>();
  private readonly active = new EventEmitter<T[]>();
  onDidAccept = this.accept.event;
  onDidHide = this.hide.event;
  onDidChangeActive = this.active.event;
  show(): void {
    recorded.questions.push({
      title: this.title,
      ids: this.items.map((i) => i.id),
      labels: this.items.map((i) => (i as { label?: string }).label ?? ""),
      active: this.activeItems[0]?.id ?? "",
    });
    setTimeout(() => {
      const answer = Array.isArray(recorded.answer) ? recorded.answer.shift() : recorded.answer;
      const item = this.items.find((i) => i.id === answer);
      if (!item) return this.hide.fire();
      this.active.fire([item]);
      this.selectedItems = [item];
      this.accept.fire();
    }, 0);
  }
  dispose(): void {}
}
export const ViewColumn = { Beside: -2 };

/** A quick pick or input box asked through `window.showQuickPick` / `showInputBox`. */
export interface AskedPick {
  placeHolder?: string;
  items: { id?: string; label: string; picked?: boolean }[];
}
export interface AskedInput {
  prompt?: string;
  value?: string;
  validateInput?: (value: string) => string | undefined | null;
}

export const recorded = {
  /**
   * Scripted answers of `showQuickPick` / `showInputBox`, in order: a function of what was asked returns the
   * answer (items picked, or the text typed); undefined = Escape. An empty queue answers Escape.
   */
  picks: [] as ((asked: AskedPick) => unknown)[],
  inputs: [] as ((asked: AskedInput) => string | undefined)[],
  /** Every quick pick and input box shown, in order. */
  asked: [] as (AskedPick | AskedInput)[],
  /** Info messages shown. */
  infos: [] as string[],
  /** Document versions by path (a document opened in the mock starts at 1; applyEdit bumps it). */
  versions: new Map<string, number>(),
  errors: [] as string[],
  warnings: [] as string[],
  commands: [] as unknown[][],
  /** What the next overwrite question answers (an item id: skip, merge, overwrite, cancel); undefined = Escape. */
  answer: undefined as string | string[] | undefined,
  /** The overwrite questions asked: title and item ids. */
  questions: [] as { title: string; ids: string[]; labels: string[]; active: string }[],
  provider: undefined as { provideTextDocumentContent(u: Uri): string } | undefined,
  folders: [] as string[],
};

export class WorkspaceEdit {
  readonly creates: { uri: Uri; overwrite: boolean; contents: Uint8Array }[] = [];
  /** An LSP edit to apply as the language client would (text edits and file creations on disk). */
  lsp: LspWorkspaceEdit | undefined;
  static fromLsp(edit: LspWorkspaceEdit): WorkspaceEdit {
    const we = new WorkspaceEdit();
    we.lsp = edit;
    return we;
  }
  createFile(uri: Uri, options: { overwrite?: boolean; contents?: Uint8Array }): void {
    this.creates.push({ uri, overwrite: options.overwrite === true, contents: options.contents ?? new Uint8Array() });
  }
}

export const workspace = {
  get workspaceFolders() {
    return recorded.folders.map((f, index) => ({ uri: Uri.file(f), name: path.basename(f), index }));
  },
  fs: {
    stat: async (u: Uri) => ({ type: fs.statSync(u.fsPath).isDirectory() ? FileType.Directory : FileType.File }),
  },
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    if (edit.lsp) return applyLspEdit(edit.lsp);
    for (const c of edit.creates) {
      if (fs.existsSync(c.uri.fsPath) && !c.overwrite) return false;
      fs.mkdirSync(path.dirname(c.uri.fsPath), { recursive: true });
      fs.writeFileSync(c.uri.fsPath, c.contents);
    }
    return true;
  },
  registerTextDocumentContentProvider(_scheme: string, provider: { provideTextDocumentContent(u: Uri): string }) {
    recorded.provider = provider;
    return { dispose() {} };
  },
  async openTextDocument(u: Uri) {
    const file = u.fsPath;
    if (!recorded.versions.has(file)) recorded.versions.set(file, 1);
    return {
      uri: u,
      languageId: "dockerfile",
      get version() {
        return recorded.versions.get(file) ?? 1;
      },
      getText: () => fs.readFileSync(file, "utf8"),
    };
  },
  getConfiguration: () => ({ get: () => undefined }),
  findFiles: async () => [],
  getWorkspaceFolder: () => undefined,
};

export const window = {
  showErrorMessage: async (m: string) => void recorded.errors.push(m),
  showWarningMessage: async (m: string) => {
    recorded.warnings.push(m);
    return recorded.answer;
  },
  showInformationMessage: async (m: string) => {
    recorded.infos.push(m);
    return undefined;
  },
  showTextDocument: async () => undefined,
  showQuickPick: async (items: AskedPick["items"], options: { placeHolder?: string } = {}) => {
    const asked: AskedPick = { placeHolder: options.placeHolder, items };
    recorded.asked.push(asked);
    return recorded.picks.shift()?.(asked);
  },
  showInputBox: async (options: AskedInput = {}) => {
    recorded.asked.push(options);
    return recorded.inputs.shift()?.(options);
  },
  showWorkspaceFolderPick: async () => undefined,
  createQuickPick: () => new QuickPick(),
  tabGroups: { all: [] as { tabs: unknown[] }[], close: async () => true },
};

export const commands = {
  async executeCommand(id: string, ...args: unknown[]) {
    recorded.commands.push([id, ...args]);
    // the diff view asks the preview provider for the right-hand side, as VS Code would
    if (id === "vscode.diff" && args[1] instanceof Uri)
      recorded.commands.push(["preview", recorded.provider?.provideTextDocumentContent(args[1])]);
    return undefined;
  },
};

/** Applies an LSP WorkspaceEdit to the disk: file creations (refused over an existing file) and text edits. */
function applyLspEdit(edit: LspWorkspaceEdit): boolean {
  const file = (uri: string) => Uri.parse(uri).fsPath;
  const writes = new Map<string, string>();
  const read = (f: string) => writes.get(f) ?? fs.readFileSync(f, "utf8");
  for (const c of edit.documentChanges ?? []) {
    if ("kind" in c) {
      if (c.kind !== "create") return false;
      if (fs.existsSync(file(c.uri)) && !c.options?.overwrite) return false;
      writes.set(file(c.uri), "");
    } else {
      const f = file(c.textDocument.uri);
      const version = c.textDocument.version;
      if (typeof version === "number" && recorded.versions.has(f) && recorded.versions.get(f) !== version) return false;
      writes.set(
        f,
        applyEdits(
          read(f),
          c.edits.filter((e): e is TextEdit => "newText" in e),
        ),
      );
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) writes.set(file(uri), applyEdits(read(file(uri)), edits));
  for (const [f, text] of writes) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    if (recorded.versions.has(f)) recorded.versions.set(f, (recorded.versions.get(f) ?? 1) + 1);
  }
  return true;
}
