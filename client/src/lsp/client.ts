/**
 * Shipshape's own LSP client: the lifecycle (initialize, initialized, shutdown, exit), restarts after a crash,
 * document sync, and what the server asks of the client (settings, file watchers, edits, messages, the log).
 * The language features are registered by features.ts from the server's capabilities. It covers what the
 * Shipshape server offers and uses, not all of LSP.
 */
import * as vscode from "vscode";
import type * as lsp from "vscode-languageserver-protocol";
import { asDiagnostic, asWorkspaceEdit, fromContentChanges, fromTextDocumentItem, staleDocuments } from "./convert";
import { Connection, isCancellation, type CancellationLike, type Message, type Transport } from "./jsonrpc";
import { registerFeatures } from "./features";

/** The values vscode-languageclient used, so code that compared them reads the same. */
export const State = { Stopped: 1, Running: 2, Starting: 3 } as const;
export type State = (typeof State)[keyof typeof State];

export interface StateChangeEvent {
  oldState: State;
  newState: State;
}

/** What the rest of the client (common.ts, the commands) uses of the language client. */
export interface ShipshapeClient {
  readonly state: State;
  readonly onDidChangeState: vscode.Event<StateChangeEvent>;
  /** Resolves once the server answered `initialize` (rejects if it did not start). */
  readonly ready: Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  sendRequest<R>(method: string, params?: unknown, token?: vscode.CancellationToken): Promise<R>;
  sendNotification(method: string, params?: unknown): Promise<void>;
  onRequest(method: string, handler: (params: never) => unknown): vscode.Disposable;
  onNotification(method: string, handler: (params: never) => void): vscode.Disposable;
}

export interface ClientOptions {
  /** Documents the server gets and the features apply to. */
  documentSelector: vscode.DocumentFilter[];
  initializationOptions: unknown;
  outputChannel: vscode.LogOutputChannel;
  /** Starts the server (a process, a worker) and gives the way to talk to it. */
  connect(): Promise<Transport>;
  /** This process's id for `initialize` (the Node server exits when it is gone); null in a browser. */
  processId: number | null;
}

const NAME = "Shipshape";
/** At most this many restarts within RESTART_WINDOW_MS; after that the server stays down, and the user is told. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
const SHUTDOWN_TIMEOUT_MS = 2_000;
/** File events are sent in batches: a branch switch changes many files at once. */
const FILE_EVENT_DELAY_MS = 250;

const CLIENT_CAPABILITIES: lsp.ClientCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: false },
    workspaceFolders: true,
    configuration: true,
    semanticTokens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false, willSaveWaitUntil: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
    completion: {
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ["markdown", "plaintext"],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        labelDetailsSupport: true,
        resolveSupport: { properties: ["documentation", "detail", "additionalTextEdits", "command"] },
      },
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as lsp.CompletionItemKind) },
    },
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ["", "quickfix", "refactor", "source", "source.fixAll", "source.organizeImports"] },
      },
      isPreferredSupport: true,
      disabledSupport: true,
    },
    formatting: {},
    rangeFormatting: {},
    documentSymbol: {
      hierarchicalDocumentSymbolSupport: true,
      symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as lsp.SymbolKind) },
    },
    foldingRange: { lineFoldingOnly: false },
    definition: { linkSupport: true },
    references: {},
    documentHighlight: {},
    rename: { prepareSupport: true },
    documentLink: { tooltipSupport: true },
    inlayHint: {},
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ["relative"],
    },
  },
  window: { showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
  general: { positionEncodings: ["utf-16"] },
};

export class LspClient implements ShipshapeClient {
  private _state: State = State.Stopped;
  private readonly stateEmitter = new vscode.EventEmitter<StateChangeEvent>();
  readonly onDidChangeState = this.stateEmitter.event;
  private connection: Connection | undefined;
  private transport: Transport | undefined;
  private readonly requestHandlers = new Map<string, (params: never) => unknown>();
  private readonly notificationHandlers = new Map<string, (params: never) => void>();
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Documents the server has open (sent didOpen), by URI. */
  private readonly opened = new Set<string>();
  /** What the server registered with client/registerCapability, by registration id. */
  private readonly registrations = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];
  private capabilities: lsp.ServerCapabilities | undefined;
  private featuresRegistered = false;
  private stopping = false;
  private crashes: number[] = [];
  private resolveReady!: () => void;
  private rejectReady!: (error: unknown) => void;
  ready: Promise<void>;
  /** Fired by `workspace/semanticTokens/refresh` and `workspace/inlayHint/refresh`. */
  readonly semanticTokensRefresh = new vscode.EventEmitter<void>();
  readonly inlayHintsRefresh = new vscode.EventEmitter<void>();

  constructor(private readonly options: ClientOptions) {
    this.diagnostics = vscode.languages.createDiagnosticCollection("shipshape");
    this.ready = this.newReady();
  }

  get state(): State {
    return this._state;
  }

  get outputChannel(): vscode.LogOutputChannel {
    return this.options.outputChannel;
  }

  get selector(): vscode.DocumentFilter[] {
    return this.options.documentSelector;
  }

  private setState(newState: State): void {
    const oldState = this._state;
    if (oldState === newState) return;
    this._state = newState;
    this.stateEmitter.fire({ oldState, newState });
  }

  private newReady(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    p.catch(() => undefined); // awaited by whoever cares; an unstarted server is reported in the output channel
    return p;
  }

  async start(): Promise<void> {
    if (this._state !== State.Stopped) return this.ready;
    if (this.disposables.length === 0) this.listen();
    this.stopping = false;
    this.setState(State.Starting);
    try {
      await this.connect();
      this.setState(State.Running);
      this.resolveReady();
    } catch (error) {
      this.setState(State.Stopped);
      this.transport?.dispose();
      this.rejectReady(error);
      throw error;
    }
  }

  private async connect(): Promise<void> {
    const transport = await this.options.connect();
    this.transport = transport;
    const connection = new Connection(transport, (text) => this.outputChannel.error(text));
    this.connection = connection;
    this.applyTrace();
    transport.onClose((reason) => this.closed(connection, reason));
    for (const [method, handler] of this.requestHandlers) connection.onRequest(method, handler as (p: unknown) => unknown);
    for (const [method, handler] of this.notificationHandlers) connection.onNotification(method, handler as (p: unknown) => void);
    this.handleServerMessages(connection);

    const folders = vscode.workspace.workspaceFolders;
    const params: lsp.InitializeParams = {
      processId: this.options.processId,
      clientInfo: { name: vscode.env.appName, version: vscode.version },
      locale: vscode.env.language,
      rootPath: folders?.[0]?.uri.scheme === "file" ? folders[0].uri.fsPath : null,
      rootUri: folders?.[0]?.uri.toString() ?? null,
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: this.options.initializationOptions,
      trace: traceSetting(),
      workspaceFolders: folders ? folders.map((f) => ({ uri: f.uri.toString(), name: f.name })) : null,
    };
    const result = await connection.sendRequest<lsp.InitializeResult>("initialize", params);
    this.capabilities = result.capabilities;
    connection.sendNotification("initialized", {});
    if (!this.featuresRegistered) {
      this.featuresRegistered = true;
      this.disposables.push(...registerFeatures(this, result.capabilities));
    }
    for (const doc of vscode.workspace.textDocuments) this.didOpen(doc);
  }

  /** The server stopped without being asked (a crash): restart a few times, then say so. */
  private closed(connection: Connection, reason: string): void {
    connection.close(reason);
    if (connection !== this.connection) return;
    this.connection = undefined;
    this.opened.clear();
    this.diagnostics.clear();
    for (const r of this.registrations.values()) r.dispose();
    this.registrations.clear();
    const wasStarting = this._state === State.Starting;
    this.setState(State.Stopped);
    this.ready = this.newReady();
    if (this.stopping || wasStarting) return;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    this.outputChannel.error(`${NAME} language server stopped unexpectedly (${reason}).`);
    if (this.crashes.length > MAX_RESTARTS) {
      void vscode.window.showErrorMessage(
        `The ${NAME} language server crashed ${this.crashes.length} times in the last 3 minutes and will not be restarted. See the ${NAME} output channel.`,
      );
      return;
    }
    this.outputChannel.info(`restarting the ${NAME} language server`);
    this.start().catch((error: unknown) => {
      this.outputChannel.error(`${NAME} language server did not restart: ${String(error)}`);
      void vscode.window.showErrorMessage(`The ${NAME} language server stopped and did not restart. See the ${NAME} output channel.`);
    });
  }

  async stop(): Promise<void> {
    const connection = this.connection;
    const transport = this.transport;
    this.stopping = true;
    if (connection && this._state === State.Running) {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS));
      await Promise.race([connection.sendRequest("shutdown").catch(() => undefined), timeout]);
      connection.sendNotification("exit");
    }
    connection?.close("stopped");
    this.connection = undefined;
    // the Node server exits on `exit`; give it a moment before the process (or worker) is ended for sure
    if (transport) setTimeout(() => transport.dispose(), 200);
    this.opened.clear();
    this.diagnostics.clear();
    for (const r of this.registrations.values()) r.dispose();
    this.registrations.clear();
    this.setState(State.Stopped);
    this.ready = this.newReady();
  }

  /** Ends everything: the server, the listeners and the providers. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.diagnostics.dispose();
  }

  sendRequest<R>(method: string, params?: unknown, token?: vscode.CancellationToken): Promise<R> {
    if (!this.connection || this._state !== State.Running)
      return Promise.reject(new Error(`the ${NAME} language server is not running (see the ${NAME} output channel).`));
    return this.connection.sendRequest<R>(method, params, token as CancellationLike | undefined);
  }

  /**
   * A feature's request: its answer, or undefined when it was cancelled, the server is not running or it failed
   * (the failure is logged in the output channel).
   */
  async request<R>(method: string, params: unknown, token: vscode.CancellationToken): Promise<R | undefined> {
    if (!this.connection || this._state !== State.Running) return undefined;
    try {
      return await this.connection.sendRequest<R>(method, params, token as CancellationLike);
    } catch (error) {
      if (!isCancellation(error) && !token.isCancellationRequested)
        this.outputChannel.error(`Request ${method} failed: ${messageOf(error)}`);
      return undefined;
    }
  }

  async sendNotification(method: string, params?: unknown): Promise<void> {
    this.connection?.sendNotification(method, params);
  }

  onRequest(method: string, handler: (params: never) => unknown): vscode.Disposable {
    this.requestHandlers.set(method, handler);
    this.connection?.onRequest(method, handler as (p: unknown) => unknown);
    return new vscode.Disposable(() => this.requestHandlers.delete(method));
  }

  onNotification(method: string, handler: (params: never) => void): vscode.Disposable {
    this.notificationHandlers.set(method, handler);
    this.connection?.onNotification(method, handler as (p: unknown) => void);
    return new vscode.Disposable(() => this.notificationHandlers.delete(method));
  }

  /** Whether the server gets this document. */
  matches(doc: vscode.TextDocument): boolean {
    return vscode.languages.match(this.options.documentSelector, doc) > 0;
  }

  // ---- documents, folders, settings ----

  private didOpen(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    if (!this.connection || this.opened.has(uri) || !this.matches(doc)) return;
    this.opened.add(uri);
    this.connection.sendNotification("textDocument/didOpen", { textDocument: fromTextDocumentItem(doc) });
  }

  private listen(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      ws.onDidOpenTextDocument((doc) => this.didOpen(doc)),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.opened.has(e.document.uri.toString())) return;
        // textDocumentSync is incremental: each change with its range
        this.connection?.sendNotification("textDocument/didChange", fromContentChanges(e));
      }),
      ws.onDidCloseTextDocument((doc) => {
        const uri = doc.uri.toString();
        if (!this.opened.delete(uri)) return;
        this.connection?.sendNotification("textDocument/didClose", { textDocument: { uri } });
      }),
      ws.onDidChangeWorkspaceFolders((e) => {
        const folder = (f: vscode.WorkspaceFolder): lsp.WorkspaceFolder => ({ uri: f.uri.toString(), name: f.name });
        this.connection?.sendNotification("workspace/didChangeWorkspaceFolders", {
          event: { added: e.added.map(folder), removed: e.removed.map(folder) },
        });
      }),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("shipshape.trace.server")) this.applyTrace();
      }),
    );
  }

  private applyTrace(): void {
    const connection = this.connection;
    if (!connection) return;
    const trace = traceSetting();
    connection.tracer =
      trace === "off"
        ? undefined
        : (direction: "send" | "receive", m: Message) => this.outputChannel.info(traceLine(direction, m, trace === "verbose"));
  }

  // ---- what the server asks ----

  private handleServerMessages(c: Connection): void {
    const log = this.outputChannel;
    c.onNotification("window/logMessage", (p) => {
      const { type, message } = p as lsp.LogMessageParams;
      if (type === 1) log.error(message);
      else if (type === 2) log.warn(message);
      else log.info(message);
    });
    c.onNotification("window/showMessage", (p) => {
      const { type, message } = p as lsp.ShowMessageParams;
      void showMessage(type, message, []);
    });
    c.onRequest("window/showMessageRequest", async (p) => {
      const { type, message, actions } = p as lsp.ShowMessageRequestParams;
      const titles = (actions ?? []).map((a) => a.title);
      const picked = await showMessage(type, message, titles);
      return picked === undefined ? null : ((actions ?? []).find((a) => a.title === picked) ?? null);
    });
    c.onRequest("window/workDoneProgress/create", () => null);
    c.onNotification("textDocument/publishDiagnostics", (p) => {
      const { uri, diagnostics } = p as lsp.PublishDiagnosticsParams;
      this.diagnostics.set(vscode.Uri.parse(uri), diagnostics.map(asDiagnostic));
    });
    c.onRequest("workspace/configuration", (p) =>
      (p as lsp.ConfigurationParams).items.map((item) => {
        const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
        const config = vscode.workspace.getConfiguration(undefined, scope);
        const value: unknown = item.section ? config.get(item.section) : config;
        // a plain copy: VS Code hands out read-only proxies, which a web worker's postMessage cannot clone
        return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
      }),
    );
    c.onRequest("workspace/workspaceFolders", () =>
      (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name })),
    );
    c.onRequest("workspace/applyEdit", async (p) => {
      const { edit } = p as lsp.ApplyWorkspaceEditParams;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.version]));
      const stale = staleDocuments(edit, (uri) => open.get(uri));
      if (stale.length) return { applied: false, failureReason: `the document changed meanwhile: ${stale.join(", ")}` };
      return { applied: await vscode.workspace.applyEdit(asWorkspaceEdit(edit) ?? new vscode.WorkspaceEdit()) };
    });
    c.onRequest("workspace/semanticTokens/refresh", () => this.semanticTokensRefresh.fire());
    c.onRequest("workspace/inlayHint/refresh", () => this.inlayHintsRefresh.fire());
    c.onRequest("client/registerCapability", (p) => {
      for (const r of (p as lsp.RegistrationParams).registrations) this.register(r);
      return null;
    });
    c.onRequest("client/unregisterCapability", (p) => {
      for (const u of (p as lsp.UnregistrationParams).unregisterations) {
        this.registrations.get(u.id)?.dispose();
        this.registrations.delete(u.id);
      }
      return null;
    });
  }

  private register(r: lsp.Registration): void {
    if (r.method === "workspace/didChangeConfiguration") {
      const options = r.registerOptions as { section?: string | string[] } | undefined;
      const sections = options?.section === undefined ? [] : Array.isArray(options.section) ? options.section : [options.section];
      const send = () => {
        const settings: Record<string, unknown> = {};
        for (const s of sections) settings[s] = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration().get(s) ?? null)) as unknown;
        this.connection?.sendNotification("workspace/didChangeConfiguration", { settings: sections.length ? settings : null });
      };
      this.registrations.set(
        r.id,
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (sections.length === 0 || sections.some((s) => e.affectsConfiguration(s))) send();
        }),
      );
      send();
    } else if (r.method === "workspace/didChangeWatchedFiles") {
      this.registrations.set(r.id, this.watchFiles((r.registerOptions as lsp.DidChangeWatchedFilesRegistrationOptions).watchers));
    } else {
      this.outputChannel.warn(`the server registered ${r.method}, which this client does not support dynamically`);
    }
  }

  private watchFiles(watchers: lsp.FileSystemWatcher[]): vscode.Disposable {
    let pending: lsp.FileEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const queue = (uri: vscode.Uri, type: lsp.FileChangeType) => {
      pending.push({ uri: uri.toString(), type });
      timer ??= setTimeout(() => {
        timer = undefined;
        const changes = pending;
        pending = [];
        this.connection?.sendNotification("workspace/didChangeWatchedFiles", { changes });
      }, FILE_EVENT_DELAY_MS);
    };
    const subscriptions: vscode.Disposable[] = [];
    for (const w of watchers) {
      const g = w.globPattern;
      const pattern =
        typeof g === "string"
          ? g
          : new vscode.RelativePattern(
              typeof g.baseUri === "string" ? vscode.Uri.parse(g.baseUri) : vscode.Uri.parse(g.baseUri.uri),
              g.pattern,
            );
      const kind = w.kind ?? 7;
      const watcher = vscode.workspace.createFileSystemWatcher(pattern, (kind & 1) === 0, (kind & 2) === 0, (kind & 4) === 0);
      subscriptions.push(
        watcher,
        watcher.onDidCreate((u) => queue(u, 1)),
        watcher.onDidChange((u) => queue(u, 2)),
        watcher.onDidDelete((u) => queue(u, 3)),
      );
    }
    return new vscode.Disposable(() => {
      if (timer) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    });
  }
}

function traceSetting(): "off" | "messages" | "verbose" {
  const value = vscode.workspace.getConfiguration("shipshape").get<string>("trace.server");
  return value === "messages" || value === "verbose" ? value : "off";
}

/** One trace line: what went which way, and with `verbose` its parameters or result. */
export function traceLine(direction: "send" | "receive", m: Message, verbose: boolean): string {
  const what =
    m.method !== undefined
      ? `${m.id !== undefined ? "request" : "notification"} '${m.method}${m.id !== undefined ? ` - (${m.id})` : ""}'`
      : `response '(${m.id})'${m.error ? ` failed: ${m.error.message}` : ""}`;
  const body = verbose ? (m.method !== undefined ? m.params : (m.result ?? m.error)) : undefined;
  return `[Trace] ${direction === "send" ? "Sending" : "Received"} ${what}.${body !== undefined ? `\n${JSON.stringify(body, null, 2)}` : ""}`;
}

function showMessage(type: lsp.MessageType, message: string, actions: string[]): Thenable<string | undefined> {
  if (type === 1) return vscode.window.showErrorMessage(message, ...actions);
  if (type === 2) return vscode.window.showWarningMessage(message, ...actions);
  return vscode.window.showInformationMessage(message, ...actions);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
