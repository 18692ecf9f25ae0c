import type { Location } from "vscode-languageserver";
import { composeReferences } from "../engine/navigation/compose";
import { composeRequest, location } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: every use of a service, network, volume, config, secret or YAML anchor across the project. */
export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences(
    guard("references", ctx.log, null, async (p): Promise<Location[] | null> => {
      const req = await composeRequest(ctx, p.textDocument.uri, "references");
      if (!req) return null;
      const found = composeReferences(req.project, req.model, p.position, p.context.includeDeclaration);
      return found.length ? found.map((t) => location(req, t)) : null;
    }),
  );
}
