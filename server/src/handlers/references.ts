import type { Location, Range } from "vscode-languageserver";
import { composeReferences } from "../engine/navigation/compose";
import { composeRequest, dockerfileRequest, location } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/**
 * Compose: every use of a service, network, volume, config, secret or YAML anchor across the project.
 * Dockerfiles: every use of a stage name, ARG or ENV in the file (dockerfile-language-service's highlights).
 */
export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences(
    guard("references", ctx.log, null, async (p): Promise<Location[] | null> => {
      const uri = p.textDocument.uri;
      const df = await dockerfileRequest(ctx, uri);
      if (df) {
        if (!df.withinLimits) return null;
        const declaration = ctx.dockerfile.definition(uri, df.text, p.position);
        const same = (r: Range) => !!declaration && JSON.stringify(r) === JSON.stringify(declaration.range);
        const uses = ctx.dockerfile.highlights(df.text, p.position).filter((h) => p.context.includeDeclaration || !same(h.range));
        return uses.length ? uses.map((h) => ({ uri, range: h.range })) : null;
      }
      const req = await composeRequest(ctx, uri, "references");
      if (!req) return null;
      const found = composeReferences(req.project, req.model, p.position, p.context.includeDeclaration);
      return found.length ? found.map((t) => location(req, t)) : null;
    }),
  );
}
