import type { DocumentLink } from "vscode-languageserver";
import { composeLinks } from "../engine/navigation/composeLinks";
import { dockerfileCopyLinks } from "../engine/navigation/dockerfileLinks";
import { composeRequest, dockerfileRequest } from "../services/composeEditing";
import { pathToUri } from "../services/uris";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/**
 * Compose: files and folders the file names open on click; images open their registry page (no request is made).
 * Dockerfiles: COPY/ADD sources beside the Dockerfile, and FROM images (dockerfile-language-service).
 */
export function registerDocumentLink(ctx: ServerContext): void {
  ctx.connection.onDocumentLinks(
    guard("documentLink", ctx.log, null, async (p): Promise<DocumentLink[] | null> => {
      const df = await dockerfileRequest(ctx, p.textDocument.uri);
      if (df) {
        const files = dockerfileCopyLinks(df.model, df.fs).map((l) => ({ range: l.range, target: pathToUri(l.path), tooltip: l.tooltip }));
        return [...(df.base ? ctx.dockerfile.links(df.text) : []), ...files];
      }
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
