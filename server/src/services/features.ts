import type { TextDocument } from "vscode-languageserver-textdocument";
import type { FileKind } from "../engine/types";
import type { TextDocuments } from "vscode-languageserver";
import { baseFeaturesEnabled, type ClientSettings, type OtherProviders } from "./settings";

/**
 * The libraries re-parse the whole document on every request (dockerfile-language-service's semantic tokens
 * are even quadratic: 2,000 instructions take seconds). Past these sizes their features are skipped, so a
 * generated or pathological file can never make hovers or typing sluggish; Shipshape's own lint still runs.
 */
export const BASE_LIMITS = {
  maxChars: 1_000_000,
  maxLines: 5_000,
  maxLineLength: 20_000,
  /** Semantic tokens only (TextMate highlighting still colours bigger files). */
  maxSemanticTokenLines: 400,
};

export interface DocumentShape {
  lines: number;
  longestLine: number;
  chars: number;
}

/** Keyed by the document object (a reopened document is a new one), so a reused version number never hits. */
const shapes = new WeakMap<TextDocument, { version: number; shape: DocumentShape }>();

/** Line count and longest line of a document, computed once per version. */
export function shapeOf(doc: TextDocument): DocumentShape {
  const cached = shapes.get(doc);
  if (cached && cached.version === doc.version) return cached.shape;
  const text = doc.getText();
  let lines = 1;
  let longestLine = 0;
  let start = 0;
  // line breaks as LineIndex counts them (LF, CRLF, lone CR)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    longestLine = Math.max(longestLine, i - start);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines++;
    start = i + 1;
  }
  longestLine = Math.max(longestLine, text.length - start);
  const shape = { lines, longestLine, chars: text.length };
  shapes.set(doc, { version: doc.version, shape });
  return shape;
}

/** Whether a document is small enough for the libraries' features. */
export function withinBaseLimits(shape: DocumentShape): boolean {
  return shape.chars <= BASE_LIMITS.maxChars && shape.lines <= BASE_LIMITS.maxLines && shape.longestLine <= BASE_LIMITS.maxLineLength;
}

/**
 * The kind of an open document and whether the library features (completion, hover, formatting, symbols,
 * folding, semantic tokens, dockerfile-utils syntax errors) are ours to give for it.
 */
export async function baseFeatures(
  ctx: {
    documents: TextDocuments<TextDocument>;
    linting: { kindOf(doc: TextDocument): FileKind | undefined };
    settings: { get(uri: string): Promise<ClientSettings>; otherProviders: OtherProviders };
  },
  uri: string,
): Promise<{ doc: TextDocument; kind: FileKind; enabled: boolean; shape: DocumentShape } | undefined> {
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const kind = ctx.linting.kindOf(doc);
  if (!kind) return undefined;
  const settings = await ctx.settings.get(uri);
  const shape = shapeOf(doc);
  const enabled = withinBaseLimits(shape) && baseFeaturesEnabled(kind, settings, ctx.settings.otherProviders);
  return { doc, kind, enabled, shape };
}
