import type { TextEdit } from "vscode-languageserver";
import { formatCompose } from "../engine/format/compose";
import { composeRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/**
 * Dockerfiles through dockerfile-language-service; compose files with Shipshape's layout-only formatter
 * (indentation, spacing, quotes; comments, anchors and key order kept). A range gets the changed lines inside it.
 */
export function registerFormatting(ctx: ServerContext): void {
  const format = async (uri: string, options: { tabSize: number; insertSpaces: boolean }, range?: TextEdit["range"]) => {
    const compose = await composeRequest(ctx, uri, "formatting");
    if (compose) {
      const edits = formatCompose(compose.doc.getText(), { tabSize: options.tabSize });
      return range ? edits.filter((e) => e.range.start.line >= range.start.line && e.range.end.line <= range.end.line) : edits;
    }
    const base = await baseFeatures(ctx, uri);
    if (!base || !base.enabled || base.kind !== "dockerfile") return null;
    return ctx.dockerfile.format(base.doc.getText(), { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, range);
  };
  ctx.connection.onDocumentFormatting(guard("formatting", ctx.log, null, (p) => format(p.textDocument.uri, p.options)));
  ctx.connection.onDocumentRangeFormatting(guard("rangeFormatting", ctx.log, null, (p) => format(p.textDocument.uri, p.options, p.range)));
}
