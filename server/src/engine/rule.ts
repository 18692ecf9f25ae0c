import type { ComposeFileModel } from "./model/compose";
import type { ComposeProject } from "./model/composeProject";
import type { DockerfileModel } from "./model/dockerfile";
import type { DockerignoreModel } from "./model/dockerignore";
import type { LineIndex } from "./text";
import type { FileKind, ReportDescriptor, RuleMeta, WorkspaceFs } from "./types";

interface BaseContext<M extends string> {
  /** Absolute path of the linted file (POSIX separators). */
  path: string;
  text: string;
  lines: LineIndex;
  fs: WorkspaceFs;
  /** The rule's options: configured values over the documented defaults. */
  options: Readonly<Record<string, unknown>>;
  /** Whether another rule runs in this lint (is registered and not off): for rules that defer to a more specific one. */
  runs(ruleId: string): boolean;
  /** The options another rule runs with in this lint (configured over its defaults); undefined when it does not run. */
  optionsOf(ruleId: string): Readonly<Record<string, unknown>> | undefined;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface DockerfileContext<M extends string = string> extends BaseContext<M> {
  dockerfile: DockerfileModel;
}

export interface ComposeContext<M extends string = string> extends BaseContext<M> {
  compose: ComposeFileModel;
  /** The files that belong together with this one (base + overrides), merged. */
  project: ComposeProject;
}

export interface DockerignoreContext<M extends string = string> extends BaseContext<M> {
  dockerignore: DockerignoreModel;
}

export interface ContextByKind<M extends string> {
  dockerfile: DockerfileContext<M>;
  compose: ComposeContext<M>;
  dockerignore: DockerignoreContext<M>;
}

export interface Rule<K extends FileKind = FileKind, M extends string = string> {
  meta: RuleMeta<M> & { kind: K };
  check(context: ContextByKind<M>[K]): void;
}

/** Every rule, whatever its kind, as the registry holds it. */
export type AnyRule = Rule<"dockerfile"> | Rule<"compose"> | Rule<"dockerignore">;

/**
 * Typed factories: message ids used in `report` are checked against `meta.messages` at compile time.
 */
export function dockerfileRule<M extends string>(rule: {
  meta: Omit<RuleMeta<M>, "kind">;
  check(context: DockerfileContext<M>): void;
}): Rule<"dockerfile"> {
  return { meta: { ...rule.meta, kind: "dockerfile" }, check: rule.check as (c: DockerfileContext) => void };
}

export function composeRule<M extends string>(rule: {
  meta: Omit<RuleMeta<M>, "kind">;
  check(context: ComposeContext<M>): void;
}): Rule<"compose"> {
  return { meta: { ...rule.meta, kind: "compose" }, check: rule.check as (c: ComposeContext) => void };
}

export function dockerignoreRule<M extends string>(rule: {
  meta: Omit<RuleMeta<M>, "kind">;
  check(context: DockerignoreContext<M>): void;
}): Rule<"dockerignore"> {
  return { meta: { ...rule.meta, kind: "dockerignore" }, check: rule.check as (c: DockerignoreContext) => void };
}
