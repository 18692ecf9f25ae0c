import { composeSymbols } from "../engine/navigation/composeSymbols";
import { composeRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/** Stages and instructions of a Dockerfile; sections, services and their keys of a compose file (the outline and breadcrumbs). */
export function registerDocumentSymbol(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(
    guard("documentSymbol", ctx.log, null, async (p) => {
      const compose = await composeRequest(ctx, p.textDocument.uri, "symbols");
      if (compose) return composeSymbols(compose.model);
      const base = await baseFeatures(ctx, p.textDocument.uri);
      if (!base || !base.enabled || base.kind !== "dockerfile") return null;
      return ctx.dockerfile.symbols(p.textDocument.uri, base.doc.getText());
    }),
  );
}
