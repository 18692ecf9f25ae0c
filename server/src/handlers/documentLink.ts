import type { DocumentLink } from "vscode-languageserver";
import { composeLinks } from "../engine/navigation/composeLinks";
import { composeRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: files and folders the file names open on click; images open their registry page (no request is made). */
export function registerDocumentLink(ctx: ServerContext): void {
  ctx.connection.onDocumentLinks(
    guard("documentLink", ctx.log, null, async (p): Promise<DocumentLink[] | null> => {
      const req = await composeRequest(ctx, p.textDocument.uri, "links");
      if (!req) return null;
      return composeLinks(req.model, req.project.fs).map((l) => ({
        range: l.range,
        target: l.url ?? req.uriOf(l.path as string),
        tooltip: l.tooltip,
      }));
    }),
  );
}
