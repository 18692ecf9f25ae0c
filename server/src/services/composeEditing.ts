import type { CodeAction } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_SERVICE_KEY_ORDER, sortServiceKeys } from "../engine/format/serviceKeys";
import { MAX_LINT_CHARS } from "../engine/linter";
import { ComposeFileModel } from "../engine/model/compose";
import type { ComposeProject } from "../engine/model/composeProject";
import type { Range } from "../engine/text";
import type { ServerContext } from "./context";
import { SORT_SERVICE_KEYS_KIND } from "./protocol";
import { composeFeatureEnabled, type ClientSettings, type ComposeEditingFeature } from "./settings";
import { pathToUri, uriToPath } from "./uris";
import { baseFeatures, withinBaseLimits } from "./features";
import { DockerfileModel } from "../engine/model/dockerfile";
import type { WorkspaceFs } from "../engine/types";

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

/** The configured order of `compose/service-keys-order` (`options.order`), or dclint's default. */
export function serviceKeyOrder(ctx: ServerContext, uri: string): readonly string[] {
  const setting = ctx.linting.state(uri)?.config.rules?.["compose/service-keys-order"];
  const order = typeof setting === "object" ? (setting.options as { order?: unknown } | undefined)?.order : undefined;
  return Array.isArray(order) && order.length && order.every((k) => typeof k === "string")
    ? (order as string[])
    : DEFAULT_SERVICE_KEY_ORDER;
}

/** "Sort service keys" as a source action on the whole file (an editor edit: undoable, nothing saved). */
export async function sortServiceKeysAction(ctx: ServerContext, uri: string): Promise<CodeAction | undefined> {
  const doc = ctx.documents.get(uri);
  if (!doc || ctx.linting.kindOf(doc) !== "compose") return undefined;
  const edits = sortServiceKeys(doc.getText(), serviceKeyOrder(ctx, uri));
  if (!edits.length) return undefined;
  const versioned = ctx.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  return {
    title: "Sort service keys",
    kind: SORT_SERVICE_KEYS_KIND,
    edit: versioned ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] } : { changes: { [uri]: edits } },
  };
}

export interface DockerfileRequest {
  doc: TextDocument;
  text: string;
  /** dockerfile-language-service's features are ours to give (`languageFeatures`, other extensions, size). */
  base: boolean;
  /** Small enough for dockerfile-language-service at all (its parse is slow on huge lines). */
  withinLimits: boolean;
  model: DockerfileModel;
  fs: WorkspaceFs;
}

/** An open Dockerfile for the navigation requests; undefined for other files or with `languageFeatures: off`. */
export async function dockerfileRequest(ctx: ServerContext, uri: string): Promise<DockerfileRequest | undefined> {
  const base = await baseFeatures(ctx, uri);
  if (!base || base.kind !== "dockerfile") return undefined;
  const settings = await ctx.settings.get(uri);
  const text = base.doc.getText();
  if (settings.languageFeatures === "off" || text.length > MAX_LINT_CHARS) return undefined;
  const state = ctx.linting.state(uri);
  const model =
    state?.version === base.doc.version && state.model instanceof DockerfileModel
      ? state.model
      : new DockerfileModel(state?.path ?? uriToPath(uri), text);
  return { doc: base.doc, text, base: base.enabled, withinLimits: withinBaseLimits(base.shape), model, fs: ctx.linting.workspaceFs(uri) };
}
