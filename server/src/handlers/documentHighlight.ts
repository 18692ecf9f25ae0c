import { DocumentHighlightKind, type DocumentHighlight } from "vscode-languageserver";
import { composeHighlights } from "../engine/navigation/compose";
import { composeRequest, dockerfileRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: the other occurrences of the name under the cursor in this file (definitions as writes). */
export function registerDocumentHighlight(ctx: ServerContext): void {
  ctx.connection.onDocumentHighlight(
    guard("documentHighlight", ctx.log, null, async (p): Promise<DocumentHighlight[] | null> => {
      const df = await dockerfileRequest(ctx, p.textDocument.uri);
      if (df) return df.base ? ctx.dockerfile.highlights(df.text, p.position) : null;
      const req = await composeRequest(ctx, p.textDocument.uri, "highlight");
      if (!req) return null;
      const found = composeHighlights(req.project, req.model, p.position);
      if (!found.length) return null;
      return found.map((h) => ({ range: h.range, kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
    }),
  );
}
