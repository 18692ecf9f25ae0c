import type { ServerContext } from "../services/context";
import { uriToPath } from "../services/uris";

/** Open lints at once (first squiggles fast); typing lints after a pause; neighbours of a changed file re-lint. */
export function registerTextDocumentSync(ctx: ServerContext): void {
  // TextDocuments fires onDidChangeContent right after onDidOpen; the open already scheduled a lint
  const justOpened = new Set<string>();
  ctx.documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    ctx.linting.schedule(e.document.uri, 0);
    // its editor text may differ from the disk (a fix just created it, unsaved)
    const path = uriToPath(e.document.uri);
    ctx.linting.invalidate(path);
    ctx.linting.scheduleDependents(path, e.document.uri);
  });
  ctx.documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (justOpened.delete(uri)) return;
    const path = uriToPath(uri);
    ctx.linting.invalidate(path);
    ctx.linting.schedule(uri);
    ctx.linting.scheduleDependents(path, uri, true);
  });
  ctx.documents.onDidClose((e) => {
    const uri = e.document.uri;
    justOpened.delete(uri);
    ctx.docStates.forget(uri);
    // neighbours saw this editor's unsaved text; now they see the disk again
    ctx.linting.scheduleDependents(uriToPath(uri), uri);
  });
}
