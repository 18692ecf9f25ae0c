/**
 * A real JSON-RPC client for the bundled server (dist/server/server.js --stdio), for the protocol tests and
 * the benchmark's cold-start measurement.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

export const SERVER_JS = resolve(__dirname, "../../../dist/server/server.js");

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
    workspaceFolders: true,
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ["markdown", "plaintext"] },
    completion: { completionItem: { snippetSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } }, isPreferredSupport: true },
  },
};

export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

export interface StartOptions {
  /** The folder the server sees as the workspace; a fresh temp folder by default. */
  root?: string;
  /** Answer to `workspace/configuration` for section `shipshape`. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Opened right after `initialized`; `startServer` resolves once its first diagnostics arrive. */
  open?: { name: string; languageId: string; text: string };
  args?: string[];
  /** Another server bundle (the bench passes the production build); dist/server/server.js by default. */
  serverPath?: string;
}

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  root: string;
  initializeResult: InitializeResult;
  /** Spawn to first `publishDiagnostics` of the `open` document. */
  coldStartMs: number;
  /** Every `publishDiagnostics`, in arrival order. */
  published: PublishDiagnosticsParams[];
  logs: string[];
  /** Methods the server registered dynamically (`client/registerCapability`). */
  registrations: { method: string; registerOptions?: unknown }[];
  stderr: () => string;
  settings: Record<string, unknown>;
  /** Writes a file into the workspace folder and returns its URI. */
  writeFile(name: string, text: string): string;
  uriOf(name: string): string;
  open(name: string, languageId: string, text: string): OpenDocument;
  /** Opens any URI (`untitled:`, `git:`, `vscode-vfs:` …) at `version` (1 by default), as an editor reopening a file does. */
  openUri(uri: string, languageId: string, text: string, version?: number): OpenDocument;
  change(doc: OpenDocument, text: string): void;
  close(doc: OpenDocument): void;
  setSettings(settings: Record<string, unknown>): void;
  /** Resolves with the first publish (already received or future) for `uri` that satisfies `accept`. */
  waitForDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const started = performance.now();
  const root = options.root ?? mkdtempSync(join(tmpdir(), "shipshape-lsp-"));
  const child = spawn(process.execPath, [options.serverPath ?? SERVER_JS, ...(options.args ?? ["--stdio"])], { stdio: "pipe" });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const logs: string[] = [];
  const server: TestServer = {
    connection,
    process: child,
    root,
    initializeResult: { capabilities: {} },
    coldStartMs: NaN,
    published,
    logs,
    registrations: [],
    stderr: () => stderr,
    settings: options.settings ?? {},
    uriOf: (name) => pathToFileURL(join(root, name)).toString(),
    writeFile(name, text) {
      const p = join(root, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return pathToFileURL(p).toString();
    },
    open(name, languageId, text) {
      return server.openUri(server.uriOf(name), languageId, text);
    },
    openUri(uri, languageId, text, version = 1) {
      const doc = { uri, languageId, version, text };
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { ...doc } });
      return doc;
    },
    change(doc, text) {
      doc.version++;
      doc.text = text;
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: doc.uri, version: doc.version },
        contentChanges: [{ text }],
      });
    },
    close(doc) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
    },
    setSettings(settings) {
      server.settings = settings;
      void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { shipshape: settings } });
    },
    waitForDiagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      const done = published.find((p) => p.uri === uri && accept(p));
      if (done) return Promise.resolve(done);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => {
          const seen = published.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(",")}`);
          rej(
            new Error(`no matching publishDiagnostics for ${uri} within ${timeoutMs} ms (seen: ${seen.join(" | ") || "none"})\n${stderr}`),
          );
        }, timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (p) => {
            clearTimeout(timer);
            res(p);
          },
        });
      });
    },
    async stop() {
      try {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => (timer = setTimeout(r, 2000)))]);
        clearTimeout(timer);
        void connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      await new Promise<void>((res) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          res();
        }, 2000);
        child.once("exit", () => {
          clearTimeout(t);
          res();
        });
        if (child.exitCode !== null) res();
      });
      connection.dispose();
    },
  };

  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.uri === p.uri && w.accept(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === "shipshape" ? server.settings : null)));
  connection.onRequest(RegistrationRequest.type, (p) => {
    server.registrations.push(...p.registrations);
  });
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.listen();

  const rootUri = pathToFileURL(root).toString();
  server.initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "workspace" }],
    capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  if (options.open) {
    const doc = server.open(options.open.name, options.open.languageId, options.open.text);
    await server.waitForDiagnostics(doc.uri);
    server.coldStartMs = performance.now() - started;
  }
  return server;
}
