import type { TextDocument } from "vscode-languageserver-textdocument";
import { MAX_LINT_CHARS } from "../engine/linter";
import type { FileKind } from "../engine/types";
import type { ServerContext } from "./context";
import { baseFeaturesEnabled } from "./settings";

/**
 * The kind of an open document and whether the library features (completion, hover, formatting, symbols,
 * folding, semantic tokens) are ours to give for it. Huge files get none: they are not linted either.
 */
export async function baseFeatures(
  ctx: ServerContext,
  uri: string,
): Promise<{ doc: TextDocument; kind: FileKind; enabled: boolean } | undefined> {
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const kind = ctx.linting.kindOf(doc);
  if (!kind) return undefined;
  const settings = await ctx.settings.get(uri);
  const enabled = doc.getText().length <= MAX_LINT_CHARS && baseFeaturesEnabled(kind, settings, ctx.settings.otherProviders);
  return { doc, kind, enabled };
}
