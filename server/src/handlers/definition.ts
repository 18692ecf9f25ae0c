import type { Location } from "vscode-languageserver";
import { composeDefinition } from "../engine/navigation/compose";
import { composeRequest, location } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: where a service, network, volume, config, secret or YAML anchor is defined, in any file of the project. */
export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(
    guard("definition", ctx.log, null, async (p): Promise<Location[] | null> => {
      const req = await composeRequest(ctx, p.textDocument.uri, "definition");
      if (!req) return null;
      const found = composeDefinition(req.project, req.model, p.position, { anchors: req.enabled("aliasDefinition") });
      return found.length ? found.map((t) => location(req, t)) : null;
    }),
  );
}
