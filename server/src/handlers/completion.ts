import { CompletionItemKind, type CompletionItem, type CompletionList, type CompletionParams } from "vscode-languageserver";
import { composeCompletions, type CompletionSuggestion } from "../engine/completion/compose";
import { ComposeFileModel } from "../engine/model/compose";
import { LineIndex } from "../engine/text";
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

export async function completion(ctx: ServerContext, params: CompletionParams): Promise<CompletionList | null> {
  const uri = params.textDocument.uri;
  const base = await baseFeatures(ctx, uri);
  if (!base || !base.enabled) return null;
  const { doc, kind } = base;
  const text = doc.getText();
  const pos = params.position;
  if (kind === "dockerfile") return { isIncomplete: false, items: await ctx.dockerfile.complete(text, pos) };
  if (kind !== "compose") return null;

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
  const schema = await ctx.yaml()?.complete(uri, ctx.docStates.revision(doc), text, pos);
  const line = new LineIndex(text).lineText(pos.line);
  // !reset / !override only once the user starts a tag: offered everywhere else they are noise
  const typingTag = /![\w]*$/.test(line.slice(0, pos.character));
  const fromSchema = (schema?.items ?? []).filter((i) => typingTag || !i.label.startsWith("!"));
  const labels = new Set(ours.map((o) => o.label));
  return { isIncomplete: schema?.isIncomplete ?? false, items: [...ours, ...fromSchema.filter((i) => !labels.has(i.label))] };
}
