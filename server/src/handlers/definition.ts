import type { Location } from "vscode-languageserver";
import { composeDefinition } from "../engine/navigation/compose";
import { composeRequest, dockerfileRequest, location } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/**
 * Compose: where a service, network, volume, config, secret or YAML anchor is defined, in any file of the project.
 * Dockerfiles: stage names, ARG and ENV (dockerfile-language-service).
 */
export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(
    guard("definition", ctx.log, null, async (p): Promise<Location[] | null> => {
      const df = await dockerfileRequest(ctx, p.textDocument.uri);
      if (df) {
        const found = df.base ? ctx.dockerfile.definition(p.textDocument.uri, df.text, p.position) : null;
        return found ? [found] : null;
      }
      const req = await composeRequest(ctx, p.textDocument.uri, "definition");
      if (!req) return null;
      const found = composeDefinition(req.project, req.model, p.position, { anchors: req.enabled("aliasDefinition") });
      return found.length ? found.map((t) => location(req, t)) : null;
    }),
  );
}
