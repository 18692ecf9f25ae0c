import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/** Stages and instructions of a Dockerfile (the outline and breadcrumbs). */
export function registerDocumentSymbol(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(
    guard("documentSymbol", ctx.log, null, async (p) => {
      const base = await baseFeatures(ctx, p.textDocument.uri);
      if (!base || !base.enabled || base.kind !== "dockerfile") return null;
      return ctx.dockerfile.symbols(p.textDocument.uri, base.doc.getText());
    }),
  );
}
