import type { TextDocument } from "vscode-languageserver-textdocument";
import { MAX_LINT_CHARS } from "../engine/linter";
import { ComposeFileModel } from "../engine/model/compose";
import type { ComposeProject } from "../engine/model/composeProject";
import type { Range } from "../engine/text";
import type { ServerContext } from "./context";
import { composeFeatureEnabled, type ClientSettings, type ComposeEditingFeature } from "./settings";
import { pathToUri, uriToPath } from "./uris";

export interface ComposeRequest {
  doc: TextDocument;
  model: ComposeFileModel;
  project: ComposeProject;
  settings: ClientSettings;
  /** The URI of an engine path: the open document's own URI for its path (it may not be a file: URI). */
  uriOf(path: string): string;
  enabled(feature: ComposeEditingFeature): boolean;
}

/**
 * What a compose editing request needs: the open compose document, its parsed model (the lint's, when it is
 * current) and its project. Undefined when the document is not compose, is too large, or `feature` is left
 * to another installed extension.
 */
export async function composeRequest(ctx: ServerContext, uri: string, feature: ComposeEditingFeature): Promise<ComposeRequest | undefined> {
  const doc = ctx.documents.get(uri);
  if (!doc || ctx.linting.kindOf(doc) !== "compose") return undefined;
  const settings = await ctx.settings.get(uri);
  const enabled = (f: ComposeEditingFeature) => composeFeatureEnabled(f, settings, ctx.settings.otherProviders);
  if (!enabled(feature)) return undefined;
  const text = doc.getText();
  if (text.length > MAX_LINT_CHARS) return undefined;
  const state = ctx.linting.state(uri);
  const model =
    state?.version === doc.version && state.model instanceof ComposeFileModel
      ? state.model
      : new ComposeFileModel(state?.path ?? uriToPath(uri), text);
  const project = ctx.linting.composeProject(uri, model);
  return {
    doc,
    model,
    project,
    settings,
    uriOf: (path) => (path === model.path ? uri : pathToUri(path)),
    enabled,
  };
}

export function location(req: ComposeRequest, t: { path: string; range: Range }): { uri: string; range: Range } {
  return { uri: req.uriOf(t.path), range: t.range };
}
