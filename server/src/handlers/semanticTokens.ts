import type { ServerContext } from "../services/context";
import { BASE_LIMITS, baseFeatures } from "../services/features";
import { guard } from "./guard";

/** Dockerfiles only; null (not an empty set) elsewhere so another provider's tokens are used. */
export function registerSemanticTokens(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on(
    guard("semanticTokens", ctx.log, null, async (p) => {
      const base = await baseFeatures(ctx, p.textDocument.uri);
      if (!base || !base.enabled || base.kind !== "dockerfile" || base.shape.lines > BASE_LIMITS.maxSemanticTokenLines) return null;
      return ctx.dockerfile.semanticTokens(base.doc.getText());
    }),
  );
}
