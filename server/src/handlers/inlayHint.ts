import { InlayHintKind, type InlayHint } from "vscode-languageserver";
import { composeMergeHints } from "../engine/navigation/composeMerge";
import { composeRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: values an override file or `extends` replaces, and in earlier files which later file replaces them. */
export function registerInlayHint(ctx: ServerContext): void {
  ctx.connection.languages.inlayHint.on(
    guard("inlayHint", ctx.log, null, async (p): Promise<InlayHint[] | null> => {
      const req = await composeRequest(ctx, p.textDocument.uri, "inlayHints");
      if (!req || !req.settings.inlayHints) return null;
      return composeMergeHints(req.project, req.model, p.range.start.line, p.range.end.line).map((h) => ({
        position: h.position,
        label: h.label,
        kind: InlayHintKind.Parameter,
        tooltip: { kind: "markdown", value: h.tooltip },
        paddingLeft: true,
      }));
    }),
  );
}
