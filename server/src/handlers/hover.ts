import type { Hover, HoverParams, MarkupContent } from "vscode-languageserver";
import { findingHoverLine } from "../engine/docs";
import { composeSchemaHover } from "../engine/analysis/composeSchemaHelp";
import { composeHover } from "../engine/hovers/compose";
import { dockerfileHover } from "../engine/hovers/dockerfile";
import { MAX_LINT_CHARS, SKIPPED_FILE_RULE_ID } from "../engine/linter";
import { ComposeFileModel } from "../engine/model/compose";
import { DockerfileModel } from "../engine/model/dockerfile";
import { ruleById } from "../engine/rules";
import { rangeContains, type Range } from "../engine/text";
import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/**
 * Three layers, top to bottom, kept short (the full rule documentation stays on the rule page):
 *   1. one line per finding under the cursor (always on): rule link, why, fix;
 *   2. Shipshape's own practice note for the position (stage role, image facts, merged service …);
 *   3. a short reference: the first paragraph of dockerfile-language-service's text or the compose schema's
 *      description, with its documentation link (unless another extension gives the reference).
 */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(guard("hover", ctx.log, null, (params) => hover(ctx, params)));
}

export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  const base = await baseFeatures(ctx, uri);
  if (!base) return null;
  const { doc, kind, enabled } = base;
  const pos = params.position;
  const parts: string[] = [];
  let range: Range | undefined;

  const state = ctx.linting.state(uri);
  const findingLines: string[] = [];
  if (state && state.version === doc.version) {
    const seen = new Set<string>();
    for (const f of state.findings) {
      const r = f.range;
      const empty = comparable(r.start) === comparable(r.end);
      if (!(rangeContains(r, pos) || (empty && r.start.line === pos.line)) || seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      const meta = ruleById(f.ruleId);
      findingLines.push(meta ? findingHoverLine(meta.meta, f.fixes[0]?.title) : f.message);
      range ??= r;
    }
  }
  // one line each: a Markdown list keeps them apart without blank lines between them
  if (findingLines.length === 1) parts.push(findingLines[0] as string);
  else if (findingLines.length > 1) parts.push(findingLines.map((l) => `- ${l}`).join("\n"));
  const text = doc.getText();
  // huge or binary files are not linted; nothing below is worth parsing them for
  if (text.length > MAX_LINT_CHARS || state?.findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID)) return result(parts, range);

  const fresh = state && state.version === doc.version ? state.model : undefined;
  if (kind === "dockerfile") {
    const model = fresh instanceof DockerfileModel ? fresh : new DockerfileModel(state?.path ?? uri, text);
    const note = dockerfileHover(model, pos);
    if (note) {
      parts.push(note.markdown);
      range ??= note.range;
    }
  }
  let composeModel: ComposeFileModel | undefined;
  if (kind === "compose") {
    const model = fresh instanceof ComposeFileModel ? fresh : new ComposeFileModel(state?.path ?? uri, text);
    composeModel = model;
    const note = composeHover(model, ctx.linting.composeProject(uri, model), pos);
    if (note) {
      parts.push(note.markdown);
      range ??= note.range;
    }
  }

  if (enabled) {
    const yaml = kind === "compose" ? ctx.yaml() : undefined;
    // without yaml-language-server (the web worker), the key's description straight from the compose schema
    if (kind === "compose" && !yaml && composeModel) {
      const own = composeSchemaHover(composeModel, pos);
      if (own) {
        parts.push(own.markdown);
        range ??= own.range;
      }
    }
    const h =
      kind === "dockerfile" ? ctx.dockerfile.hover(text, pos) : yaml ? await yaml.hover(uri, ctx.docStates.revision(doc), text, pos) : null;
    // yaml-language-server heads every hover with the schema's title; alone it says nothing
    const md = h
      ? shortReference(
          markdownOf(h.contents)
            .replace(/^#### Compose Specification\s*/, "")
            .trim(),
        )
      : "";
    if (md) {
      parts.push(md);
      range ??= h?.range;
    }
  }
  return result(parts, range);
}

/**
 * The reference text cut to its first paragraph, plus its documentation link when it has one: the code
 * samples and the rest are one click away.
 */
export function shortReference(markdown: string): string {
  const paragraphs = markdown.split(/\n\s*\n/).map((p) => p.trim());
  const first = paragraphs.find((p) => p && !p.startsWith("```")) ?? "";
  const link = paragraphs.find((p) => p !== first && /^\[[^\]]+\]\([^)]+\)$/.test(p));
  return [first, link].filter(Boolean).join(" ");
}

function result(parts: string[], range: Range | undefined): Hover | null {
  if (parts.length === 0) return null;
  const contents: MarkupContent = { kind: "markdown", value: parts.join("\n\n---\n\n") };
  return range ? { contents, range } : { contents };
}

function comparable(p: { line: number; character: number }): string {
  return `${p.line}:${p.character}`;
}

function markdownOf(contents: Hover["contents"]): string {
  if (typeof contents === "string") return contents;
  if (Array.isArray(contents))
    return contents.map((c) => (typeof c === "string" ? c : "```" + c.language + "\n" + c.value + "\n```")).join("\n\n");
  if ("kind" in contents) return contents.value;
  return "```" + contents.language + "\n" + contents.value + "\n```";
}
