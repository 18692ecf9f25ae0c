/**
 * The Shipshape language server in a web worker (VS Code for the Web, vscode.dev, code-server's web extension
 * host). Same composition root as the Node entry (startServer.ts). The worker has no file system: neighbour files
 * (other compose files, `.dockerignore`, `.env`, config files) are read through the client's `workspace.fs`
 * into a cache (services/cachedFs.ts). yaml-language-server is not loaded here: compose key hovers and key
 * completion come from the compose schema itself (engine/analysis/composeSchemaHelp.ts); lint, fixes, rule hovers,
 * Dockerfile completion, the compose schema check and the server commands work here.
 */
import { URI } from "vscode-uri";
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { CachedFs, type FileSource } from "./services/cachedFs";
import { CLIENT_FS_REQUESTS, type ClientFsParams } from "./services/protocol";
import { schemePolicy } from "./services/uris";
import { startServer } from "./startServer";

// the worker's global scope, typed as the reader/writer want it (no DOM lib in this project's tsconfig)
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

/**
 * The engine's paths back to URIs. A `file:` document's path is its file path; any other scheme's is
 * `/<scheme>/<path>` (services/uris.ts), and the authority (`vscode-remote://host:port`, a GitHub repository on
 * vscode.dev) comes from the documents and workspace folders the client named.
 */
const authorities = new Map<string, string>();
function noteUri(uri: string): void {
  try {
    const u = URI.parse(uri);
    if (u.scheme !== "file" && !authorities.has(u.scheme)) authorities.set(u.scheme, u.authority);
  } catch {
    // not a URI: nothing to learn
  }
}
function uriOfPath(path: string): string {
  for (const folder of ctx.settings.folderUris) noteUri(folder);
  const m = /^\/([A-Za-z][A-Za-z0-9+.-]*)(\/.*)?$/.exec(path);
  if (m && authorities.has(m[1] as string))
    return URI.from({ scheme: m[1] as string, authority: authorities.get(m[1] as string), path: m[2] ?? "/" }).toString();
  return URI.file(path).toString();
}

const ask = <R>(method: string, path: string): Promise<R | undefined> =>
  connection.sendRequest<R | null>(method, { uri: uriOfPath(path) } satisfies ClientFsParams).then((r) => r ?? undefined);
const source: FileSource = {
  readFile: (path) => ask<string>(CLIENT_FS_REQUESTS.readFile, path),
  stat: (path) => ask<"file" | "directory">(CLIENT_FS_REQUESTS.stat, path),
  readDir: (path) => ask<string[]>(CLIENT_FS_REQUESTS.readDir, path),
};

const ctx = startServer(connection, {
  fs: new CachedFs(source),
  // every scheme the server lints, except read-only SCM views: the client reads its neighbours with workspace.fs
  readsNeighbours: (uri) => schemePolicy(uri).lint,
  realPath: (path) => path,
  yaml: (log) => {
    let said = false;
    return () => {
      if (!said)
        log(
          "yaml-language-server is not loaded here: compose key hovers and key completion come from the compose schema; value completion needs the desktop (Node) server",
        );
      said = true;
      return undefined;
    };
  },
  runtime: "browser (web worker): neighbour files through the client's workspace.fs",
});
ctx.documents.onDidOpen((e) => noteUri(e.document.uri));
