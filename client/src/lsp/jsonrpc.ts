/**
 * JSON-RPC 2.0 over a message transport (a forked Node process over IPC, or a web worker with postMessage: both
 * carry whole message objects, so there is no byte framing here). Requests and their responses, notifications both
 * ways, `$/cancelRequest` when the caller's token is cancelled. No `vscode` import: unit-tested on its own.
 */

export interface Message {
  jsonrpc: "2.0";
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface Disposable {
  dispose(): void;
}

/** Carries whole messages to the server and back. */
export interface Transport {
  send(message: Message): void;
  onMessage(listener: (message: Message) => void): void;
  /** The server went away (process exit, worker error); `reason` says why when it is known. */
  onClose(listener: (reason: string) => void): void;
  /** Ends the server (kills the process, terminates the worker). */
  dispose(): void;
}

/** What `vscode.CancellationToken` offers. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): Disposable;
}

export const ErrorCodes = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ServerNotInitialized: -32002,
  RequestFailed: -32803,
  ServerCancelled: -32802,
  ContentModified: -32801,
  RequestCancelled: -32800,
  /** Not on the wire: the connection closed before the answer came. */
  ConnectionClosed: -32099,
} as const;

export class ResponseError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "ResponseError";
  }
}

/** A request the caller cancelled or the server dropped: the feature answers "nothing", no error to show. */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    (error.code === ErrorCodes.RequestCancelled || error.code === ErrorCodes.ServerCancelled || error.code === ErrorCodes.ContentModified)
  );
}

export type RequestHandler = (params: unknown) => unknown;
export type NotificationHandler = (params: unknown) => void;
/** "send" or "receive", and the message: for the `shipshape.trace.server` log. */
export type Tracer = (direction: "send" | "receive", message: Message) => void;

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  cancel?: Disposable;
}

export class Connection {
  private nextId = 1;
  private readonly pending = new Map<number | string, Pending>();
  private readonly requestHandlers = new Map<string, RequestHandler>();
  private readonly notificationHandlers = new Map<string, NotificationHandler>();
  private closed = false;
  tracer: Tracer | undefined;

  constructor(
    private readonly transport: Transport,
    /** Where a handler's failure or a stray message is reported (the output channel). */
    private readonly logError: (text: string) => void,
  ) {
    transport.onMessage((m) => this.receive(m));
  }

  sendRequest<R>(method: string, params?: unknown, token?: CancellationLike): Promise<R> {
    if (this.closed)
      return Promise.reject(new ResponseError(ErrorCodes.ConnectionClosed, "the connection to the language server is closed"));
    if (token?.isCancellationRequested) return Promise.reject(new ResponseError(ErrorCodes.RequestCancelled, "request cancelled"));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const entry: Pending = { method, resolve: resolve as (v: unknown) => void, reject };
      if (token)
        entry.cancel = token.onCancellationRequested(() => {
          if (!this.pending.has(id)) return;
          // the caller stops waiting at once; the server's late answer (a result or RequestCancelled) is dropped
          this.pending.delete(id);
          this.write({ jsonrpc: "2.0", method: "$/cancelRequest", params: { id } });
          reject(new ResponseError(ErrorCodes.RequestCancelled, "request cancelled"));
        });
      this.pending.set(id, entry);
      this.write(params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params });
    });
  }

  sendNotification(method: string, params?: unknown): void {
    if (this.closed) return;
    this.write(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params });
  }

  onRequest(method: string, handler: RequestHandler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: NotificationHandler): void {
    this.notificationHandlers.set(method, handler);
  }

  /** Rejects every pending request; later sends are refused. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) {
      p.cancel?.dispose();
      p.reject(new ResponseError(ErrorCodes.ConnectionClosed, `the language server stopped (${reason}) before answering ${p.method}`));
    }
    this.pending.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private write(message: Message): void {
    this.tracer?.("send", message);
    try {
      this.transport.send(message);
    } catch (error) {
      this.logError(`could not send ${message.method ?? "a response"} to the language server: ${String(error)}`);
    }
  }

  private receive(message: Message): void {
    if (this.closed || typeof message !== "object" || message === null) return;
    this.tracer?.("receive", message);
    if (typeof message.method === "string") {
      if (message.id !== undefined && message.id !== null) void this.answer(message.id, message.method, message.params);
      else this.notify(message.method, message.params);
      return;
    }
    if (message.id === undefined || message.id === null) {
      this.logError(`a message from the language server is neither a request, a notification nor a response: ${JSON.stringify(message)}`);
      return;
    }
    const p = this.pending.get(message.id);
    if (!p) return; // cancelled by the caller meanwhile
    this.pending.delete(message.id);
    p.cancel?.dispose();
    if (message.error) p.reject(new ResponseError(message.error.code, message.error.message, message.error.data));
    else p.resolve(message.result === undefined ? null : message.result);
  }

  private notify(method: string, params: unknown): void {
    const handler = this.notificationHandlers.get(method);
    if (!handler) return; // `$/…` notifications and ones this client does not use are optional by the protocol
    try {
      handler(params);
    } catch (error) {
      this.logError(
        `handling the notification ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    const handler = this.requestHandlers.get(method);
    if (!handler) {
      this.write({ jsonrpc: "2.0", id, error: { code: ErrorCodes.MethodNotFound, message: `Unhandled method ${method}` } });
      return;
    }
    try {
      const result = await handler(params);
      this.write({ jsonrpc: "2.0", id, result: result === undefined ? null : result });
    } catch (error) {
      if (!(error instanceof ResponseError)) this.logError(`handling the request ${method} failed: ${String(error)}`);
      const code = error instanceof ResponseError ? error.code : ErrorCodes.InternalError;
      const text = error instanceof Error ? error.message : String(error);
      this.write({ jsonrpc: "2.0", id, error: { code, message: text } });
    }
  }
}
