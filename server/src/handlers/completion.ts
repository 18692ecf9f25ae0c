import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from "vscode-languageserver";
import { composeSchemaKeys } from "../engine/analysis/composeSchemaHelp";
import { composeCompletions, textContext, type CompletionSuggestion } from "../engine/completion/compose";
import { snippetCompletions, type SnippetSuggestion } from "../engine/completion/snippets";
import { ComposeFileModel } from "../engine/model/compose";
import { LineIndex, type Position } from "../engine/text";
import type { ServerContext } from "../services/context";
import { baseFeatures } from "../services/features";
import { guard } from "./guard";

/** dockerfile-language-service for Dockerfiles; the compose schema plus the project's own names for compose files. */
export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(guard("completion", ctx.log, null, (params) => completion(ctx, params)));
  ctx.connection.onCompletionResolve((item: CompletionItem) => {
    try {
      // dockerfile-language-service keys its documentation by a string `data`; other items are complete already
      return typeof item.data === "string" && item.documentation === undefined ? ctx.dockerfile.resolveCompletion(item) : item;
    } catch (error) {
      ctx.log(`completionResolve failed: ${String(error)}`);
      return item;
    }
  });
}

const KIND: Record<CompletionSuggestion["kind"], CompletionItemKind> = {
  service: CompletionItemKind.Module,
  network: CompletionItemKind.Reference,
  volume: CompletionItemKind.Folder,
  secret: CompletionItemKind.Constant,
  config: CompletionItemKind.File,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
};

/**
 * Never preselected, never over a typed value. dockerfile-language-service answers the first letters of an
 * instruction with snippets labelled `USER daemon`, `EXPOSE port`; the editor keeps filtering that list while
 * the user types on, and a label with a space still matches `USER ` — then, for a number (`10001`, `8000`),
 * VS Code does not ask again, the stale `USER daemon` stays selected and Enter replaced the typed value. So
 * those items are filtered on their keyword alone (the list closes at the space), and the list is marked
 * incomplete so it is asked for again as the word grows. Past the keyword nothing is offered where the value
 * is the user's own.
 */
export async function completion(ctx: ServerContext, params: CompletionParams): Promise<CompletionList | null> {
  const uri = params.textDocument.uri;
  const base = await baseFeatures(ctx, uri);
  if (!base) return null;
  const { doc, kind, enabled } = base;
  const text = doc.getText();
  const pos = params.position;
  const snippets = snippetCompletions(kind, text, pos).map(snippetItem);
  if (kind === "dockerfile") {
    const items = enabled ? (await ctx.dockerfile.complete(text, pos)).map(notPreselected).map(keywordFilter) : [];
    return { isIncomplete: true, items: [...items, ...snippets] };
  }
  if (kind !== "compose") return snippets.length ? { isIncomplete: true, items: snippets } : null;
  if (!enabled) return { isIncomplete: true, items: snippets };

  const state = ctx.linting.state(uri);
  const model =
    state?.version === doc.version && state.model instanceof ComposeFileModel
      ? state.model
      : new ComposeFileModel(state?.path ?? uri, text);
  const ours: CompletionItem[] = composeCompletions(model, ctx.linting.composeProject(uri, model), pos).map((s, i) => ({
    label: s.label,
    kind: KIND[s.kind],
    detail: s.detail,
    insertText: s.insertText,
    // the project's own names first
    sortText: `0${String(i).padStart(4, "0")}`,
  }));
  const yaml = ctx.yaml();
  // without yaml-language-server (the web worker): the keys the compose schema allows in the block being typed
  const schema = yaml
    ? await yaml.complete(uri, ctx.docStates.revision(doc), text, pos)
    : { isIncomplete: false, items: schemaKeys(text, pos) };
  const line = new LineIndex(text).lineText(pos.line);
  // !reset / !override only once the user starts a tag: offered everywhere else they are noise
  const typingTag = /![\w]*$/.test(line.slice(0, pos.character));
  const fromSchema = (schema?.items ?? []).filter((i) => typingTag || !i.label.startsWith("!")).map(notPreselected);
  const labels = new Set(ours.map((o) => o.label));
  return {
    // snippets are filtered on the whole prefix, dashes included: ask again as it grows
    isIncomplete: (schema?.isIncomplete ?? false) || snippets.length > 0,
    items: [...ours, ...fromSchema.filter((i) => !labels.has(i.label)), ...snippets],
  };
}

function notPreselected(item: CompletionItem): CompletionItem {
  if (!item.preselect) return item;
  const { preselect: _, ...rest } = item;
  return rest;
}

/** `USER daemon` is filtered as `USER`: typing the space after the keyword closes the list. */
function keywordFilter(item: CompletionItem): CompletionItem {
  if (item.filterText !== undefined || !/\s/.test(item.label)) return item;
  return { ...item, filterText: item.label.split(/\s/)[0] };
}

function snippetItem(s: SnippetSuggestion): CompletionItem {
  return {
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.name,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${s.description}\n\n\`\`\`\n${s.body.replace(/\$\{\d+:([^}]*)\}/g, "$1").replace(/\$\d/g, "")}\n\`\`\``,
    },
    filterText: s.label,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: s.range, newText: s.body },
    // after the project's names and the schema's keys
    sortText: `9${s.label}`,
  };
}

/** The compose schema's keys for the block at `pos` (indentation gives the block), those already in it left out. */
function schemaKeys(text: string, pos: Position): CompletionItem[] {
  const here = textContext(text, pos);
  if (!here || here.slot !== "key") return [];
  const lines = new LineIndex(text);
  const indent = /^\s*/.exec(lines.lineText(pos.line))?.[0].length ?? 0;
  const present = new Set<string>();
  // siblings: the lines at the same indentation up and down until the block ends (bounded)
  for (const step of [-1, 1]) {
    for (let l = pos.line + step, n = 0; l >= 0 && l < lines.lineCount && n < 2000; l += step, n++) {
      const t = lines.lineText(l);
      if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
      const ind = t.length - t.trimStart().length;
      if (ind < indent) break;
      const m = ind === indent ? /^\s*([A-Za-z0-9_.-]+)\s*:/.exec(t) : null;
      if (m) present.add(m[1] as string);
    }
  }
  return composeSchemaKeys(here.parents)
    .filter((k) => !present.has(k.name) && k.name.startsWith(here.prefix))
    .map((k, i) => ({
      label: k.name,
      kind: CompletionItemKind.Property,
      insertText: `${k.name}: `,
      ...(k.description ? { documentation: { kind: MarkupKind.Markdown, value: k.description } } : {}),
      sortText: `1${String(i).padStart(4, "0")}`,
    }));
}
