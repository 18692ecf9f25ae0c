import type { Hover, HoverParams, MarkupContent } from "vscode-languageserver";
import { ruleHoverMarkdown } from "../engine/docs";
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
 * Three layers, top to bottom: the rule documentation of findings under the cursor (always on), the base
 * reference text (dockerfile-language-service / the compose schema, unless another extension gives it),
 * and Shipshape's own practice notes.
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
  if (state && state.version === doc.version) {
    const seen = new Set<string>();
    for (const f of state.findings) {
      const r = f.range;
      const empty = comparable(r.start) === comparable(r.end);
      if (!(rangeContains(r, pos) || (empty && r.start.line === pos.line)) || seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      const meta = ruleById(f.ruleId);
      parts.push(meta ? ruleHoverMarkdown(meta.meta) : f.message);
      range ??= r;
    }
  }
  const text = doc.getText();
  // huge or binary files are not linted; nothing below is worth parsing them for
  if (text.length > MAX_LINT_CHARS || state?.findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID)) return result(parts, range);

  if (enabled) {
    const h =
      kind === "dockerfile"
        ? ctx.dockerfile.hover(text, pos)
        : kind === "compose"
          ? await ctx.yaml()?.hover(uri, ctx.docStates.revision(doc), text, pos)
          : null;
    // yaml-language-server heads every hover with the schema's title; alone it says nothing
    const md = h
      ? markdownOf(h.contents)
          .replace(/^#### Compose Specification\s*/, "")
          .trim()
      : "";
    if (md) {
      parts.push(md);
      range ??= h?.range;
    }
  }

  const fresh = state && state.version === doc.version ? state.model : undefined;
  if (kind === "dockerfile") {
    const model = fresh instanceof DockerfileModel ? fresh : new DockerfileModel(state?.path ?? uri, text);
    const note = dockerfileHover(model, pos);
    if (note) {
      parts.push(note.markdown);
      range ??= note.range;
    }
  } else if (kind === "compose") {
    const model = fresh instanceof ComposeFileModel ? fresh : new ComposeFileModel(state?.path ?? uri, text);
    const note = composeHover(model, ctx.linting.composeProject(uri, model), pos);
    if (note) {
      parts.push(note.markdown);
      range ??= note.range;
    }
  }
  return result(parts, range);
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
