import type { TextEdit } from "vscode-languageserver";
import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/** Dockerfiles only (dockerfile-language-service); compose files keep whatever YAML formatter the user has. */
export function registerFormatting(ctx: ServerContext): void {
  const format = async (uri: string, options: { tabSize: number; insertSpaces: boolean }, range?: TextEdit["range"]) => {
    const base = await baseFeatures(ctx, uri);
    if (!base || !base.enabled || base.kind !== "dockerfile") return null;
    return ctx.dockerfile.format(base.doc.getText(), { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, range);
  };
  ctx.connection.onDocumentFormatting(guard("formatting", ctx.log, null, (p) => format(p.textDocument.uri, p.options)));
  ctx.connection.onDocumentRangeFormatting(guard("rangeFormatting", ctx.log, null, (p) => format(p.textDocument.uri, p.options, p.range)));
}
