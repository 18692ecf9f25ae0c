import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

export function registerFoldingRange(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(
    guard("foldingRange", ctx.log, null, async (p) => {
      const base = await baseFeatures(ctx, p.textDocument.uri);
      if (!base || !base.enabled || base.kind !== "dockerfile") return null;
      return ctx.dockerfile.folding(base.doc.getText());
    }),
  );
}
