/**
 * A stand-in for the `vscode` module with the value classes the LSP converters (client/src/lsp/convert.ts) build,
 * shaped as VS Code's API documents them (enum values as in @types/vscode). Each records what it was given.
 */

export class Uri {
  private constructor(readonly value: string) {}
  static parse(value: string): Uri {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) throw new Error(`not a URI: ${value}`);
    return new Uri(value);
  }
  toString(): string {
    return this.value;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  code?: string | number | { value: string | number; target: Uri };
  source?: string;
  tags?: number[];
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

export class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  constructor(public value = "") {}
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>]/g, "\\$&");
    return this;
  }
  appendCodeblock(code: string, language = ""): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class Hover {
  constructor(
    readonly contents: MarkdownString[],
    readonly range?: Range,
  ) {}
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
}

export class SnippetString {
  constructor(readonly value: string) {}
}

export const CompletionItemKind = { Text: 0, Method: 1, Function: 2, Module: 8, Value: 11, Snippet: 14 };
export const CompletionItemTag = { Deprecated: 1 };

export class CompletionItem {
  kind?: number;
  detail?: string;
  documentation?: string | MarkdownString;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  insertText?: string | SnippetString;
  range?: Range | { inserting: Range; replacing: Range };
  additionalTextEdits?: TextEdit[];
  commitCharacters?: string[];
  command?: unknown;
  tags?: number[];
  constructor(readonly label: string | { label: string; detail?: string; description?: string }) {}
}

export class CompletionList {
  constructor(
    readonly items: CompletionItem[],
    readonly isIncomplete: boolean,
  ) {}
}

/** Records its operations in order, as VS Code applies them. */
export class WorkspaceEdit {
  readonly ops: (
    | { op: "replace"; uri: string; range: Range; text: string }
    | { op: "create" | "delete"; uri: string; options?: unknown }
    | { op: "rename"; from: string; to: string; options?: unknown }
  )[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.ops.push({ op: "replace", uri: uri.toString(), range, text });
  }
  createFile(uri: Uri, options?: unknown): void {
    this.ops.push({ op: "create", uri: uri.toString(), options });
  }
  deleteFile(uri: Uri, options?: unknown): void {
    this.ops.push({ op: "delete", uri: uri.toString(), options });
  }
  renameFile(from: Uri, to: Uri, options?: unknown): void {
    this.ops.push({ op: "rename", from: from.toString(), to: to.toString(), options });
  }
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind("");
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  disabled?: { reason: string };
  command?: unknown;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export const SymbolKind = { File: 0, Module: 1, Namespace: 2, Property: 6, Variable: 12 };
export const SymbolTag = { Deprecated: 1 };

export class DocumentSymbol {
  tags?: number[];
  children: DocumentSymbol[] = [];
  constructor(
    readonly name: string,
    readonly detail: string,
    readonly kind: number,
    readonly range: Range,
    readonly selectionRange: Range,
  ) {}
}

export class SymbolInformation {
  constructor(
    readonly name: string,
    readonly kind: number,
    readonly containerName: string,
    readonly location: Location,
  ) {}
}

export const FoldingRangeKind = { Comment: 1, Imports: 2, Region: 3 };

export class FoldingRange {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly kind?: number,
  ) {}
}

export class DocumentHighlight {
  constructor(
    readonly range: Range,
    readonly kind?: number,
  ) {}
}

export class DocumentLink {
  tooltip?: string;
  constructor(
    readonly range: Range,
    readonly target?: Uri,
  ) {}
}

export class InlayHintLabelPart {
  tooltip?: string | MarkdownString;
  location?: Location;
  command?: unknown;
  constructor(readonly value: string) {}
}

export class InlayHint {
  tooltip?: string | MarkdownString;
  paddingLeft?: boolean;
  paddingRight?: boolean;
  textEdits?: TextEdit[];
  constructor(
    readonly position: Position,
    readonly label: string | InlayHintLabelPart[],
    readonly kind?: number,
  ) {}
}

// ---- the host: events, workspace, windows, registrations (for client/src/lsp/client.ts) ----

export class Disposable {
  constructor(private readonly fn: () => void) {}
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class RelativePattern {
  constructor(
    readonly base: Uri,
    readonly pattern: string,
  ) {}
}

export class SemanticTokensLegend {
  constructor(
    readonly tokenTypes: string[],
    readonly tokenModifiers: string[] = [],
  ) {}
}

export class SemanticTokens {
  constructor(
    readonly data: Uint32Array,
    readonly resultId?: string,
  ) {}
}

export interface StubDocument {
  uri: Uri;
  languageId: string;
  version: number;
  text: string;
  getText(): string;
}

export function document(uri: string, languageId: string, text: string, version = 1): StubDocument {
  return { uri: Uri.parse(uri), languageId, version, text, getText: () => text };
}

/** What the code under test did to the host, and the knobs a test turns. */
export const host = {
  documents: [] as StubDocument[],
  settings: {} as Record<string, unknown>,
  providers: [] as string[],
  commands: [] as string[],
  messages: [] as { level: string; text: string }[],
  log: [] as { level: string; text: string }[],
  watchers: [] as {
    pattern: unknown;
    create: EventEmitter<Uri>;
    change: EventEmitter<Uri>;
    delete: EventEmitter<Uri>;
    disposed: boolean;
  }[],
  applied: [] as WorkspaceEdit[],
  diagnostics: new Map<string, Diagnostic[]>(),
  open: new EventEmitter<StubDocument>(),
  change: new EventEmitter<{ document: StubDocument; contentChanges: { range: Range; rangeLength: number; text: string }[] }>(),
  close: new EventEmitter<StubDocument>(),
  configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  reset(): void {
    this.documents = [];
    this.settings = {};
    this.providers = [];
    this.commands = [];
    this.messages = [];
    this.log = [];
    this.watchers = [];
    this.applied = [];
    this.diagnostics.clear();
  },
};

/** Matches `{ language }` and `{ pattern }` filters the way the Shipshape selector uses them (a `**\/{a,b}` name list). */
function matchesFilter(f: { language?: string; pattern?: string }, d: StubDocument): boolean {
  if (f.language !== undefined && f.language !== d.languageId) return false;
  if (f.pattern !== undefined) {
    const names = /\{([^}]*)\}/.exec(f.pattern)?.[1]?.split(",") ?? [];
    const base = d.uri.toString().split("/").pop() ?? "";
    if (!names.some((n) => (n.startsWith("*") ? base.endsWith(n.slice(1)) : base === n))) return false;
  }
  return true;
}

const provider = (kind: string) => () => {
  host.providers.push(kind);
  return new Disposable(() => undefined);
};

export const languages = {
  createDiagnosticCollection: (_name: string) => ({
    set: (uri: Uri, diagnostics: Diagnostic[]) => host.diagnostics.set(uri.toString(), diagnostics),
    clear: () => host.diagnostics.clear(),
    dispose: () => host.diagnostics.clear(),
  }),
  match: (selector: { language?: string; pattern?: string }[], d: StubDocument) => (selector.some((f) => matchesFilter(f, d)) ? 10 : 0),
  registerHoverProvider: provider("hover"),
  registerCompletionItemProvider: provider("completion"),
  registerCodeActionsProvider: provider("codeAction"),
  registerDocumentFormattingEditProvider: provider("formatting"),
  registerDocumentRangeFormattingEditProvider: provider("rangeFormatting"),
  registerDocumentSymbolProvider: provider("documentSymbol"),
  registerFoldingRangeProvider: provider("foldingRange"),
  registerDefinitionProvider: provider("definition"),
  registerReferenceProvider: provider("references"),
  registerDocumentHighlightProvider: provider("documentHighlight"),
  registerRenameProvider: provider("rename"),
  registerDocumentLinkProvider: provider("documentLink"),
  registerInlayHintsProvider: provider("inlayHint"),
  registerDocumentSemanticTokensProvider: provider("semanticTokens"),
};

const never = () => new Disposable(() => undefined);

export const workspace = {
  get workspaceFolders() {
    return [{ uri: Uri.parse("file:///work/app"), name: "app", index: 0 }];
  },
  get textDocuments() {
    return host.documents;
  },
  onDidOpenTextDocument: host.open.event,
  onDidChangeTextDocument: host.change.event,
  onDidCloseTextDocument: host.close.event,
  onDidChangeWorkspaceFolders: never,
  onDidChangeConfiguration: host.configuration.event,
  getConfiguration: (section?: string) => ({
    get: (key: string) => {
      const path = [...(section ? section.split(".") : []), ...key.split(".")].join(".");
      return host.settings[path];
    },
  }),
  createFileSystemWatcher: (pattern: unknown) => {
    const w = {
      pattern,
      create: new EventEmitter<Uri>(),
      change: new EventEmitter<Uri>(),
      delete: new EventEmitter<Uri>(),
      disposed: false,
    };
    host.watchers.push(w);
    return {
      onDidCreate: w.create.event,
      onDidChange: w.change.event,
      onDidDelete: w.delete.event,
      dispose: () => (w.disposed = true),
    };
  },
  applyEdit: async (edit: WorkspaceEdit) => {
    host.applied.push(edit);
    return true;
  },
};

const say = (level: string) => async (text: string) => {
  host.messages.push({ level, text });
  return undefined;
};

export const window = {
  showErrorMessage: say("error"),
  showWarningMessage: say("warning"),
  showInformationMessage: say("info"),
};

export const commands = {
  registerCommand: (id: string) => {
    host.commands.push(id);
    return new Disposable(() => undefined);
  },
};

export const env = { appName: "Stub Code", language: "en" };
export const version = "1.96.0";

/** A LogOutputChannel that records its lines. */
export function outputChannel() {
  const line = (level: string) => (text: string) => host.log.push({ level, text });
  return { info: line("info"), warn: line("warn"), error: line("error"), debug: line("debug"), trace: line("trace") };
}
