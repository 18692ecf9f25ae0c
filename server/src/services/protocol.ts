/** Messages between the Shipshape client and server beyond LSP (the client bundles this file too: type imports only). */
import type { WorkspaceEdit } from "vscode-languageserver-types";
import type { RefineGoal } from "../engine/choices";
import type { ShipshapeConfig } from "../engine/config";
import type { GenerateOptions, GeneratorName } from "../engine/generators";

/** Client -> server notification: which installed extensions already give base features, per kind of file. */
export const OTHER_PROVIDERS_NOTIFICATION = "shipshape/otherProvidersChanged";

export interface OtherProvidersParams {
  dockerfile: string[];
  compose: string[];
}

/** What the client sends in `initializationOptions`. */
export interface ShipshapeInitializationOptions {
  otherProviders?: OtherProvidersParams;
  /** Settings for clients that do not answer `workspace/configuration` (same shape as `shipshape.*`). */
  settings?: unknown;
  /** Client-side commands the server may put in code actions (only a client that has them lists them). */
  clientCommands?: string[];
}

/**
 * Client command (VS Code): re-save a document as UTF-8. LSP cannot change a file's encoding, so the code
 * action for a UTF-16 file runs this; it opens VS Code's own encoding picker on that document, where Save with
 * Encoding -> UTF-8 writes it (Escape writes nothing). Argument: the document URI.
 */
export const SAVE_AS_UTF8_COMMAND = "shipshape.saveAsUtf8";

/** Extensions whose Dockerfile features would double ours. */
export const DOCKERFILE_PROVIDERS = ["docker.docker", "ms-azuretools.vscode-containers", "ms-azuretools.vscode-docker"];
/** Extensions whose compose (YAML) features would double ours. */
export const COMPOSE_PROVIDERS = [...DOCKERFILE_PROVIDERS, "redhat.vscode-yaml"];

export const FIX_ALL_KIND = "source.fixAll.shipshape";

/**
 * Client command (VS Code) that "Fix all" runs after its edit is applied: it tells the user what was done and what
 * still needs a decision. Argument: {@link FixAllReport}.
 */
export const FIX_ALL_REPORT_COMMAND = "shipshape.fixAllApplied";

export interface FixAllReport {
  /** The document fixed. */
  uri: string;
  /** Fixes applied (over every pass). */
  applied: number;
  /** The rules whose fixes were applied, in order of first application. */
  rules: string[];
  /** Findings of the fixed text: none has a safe fix left, each needs a decision. */
  remaining: number;
  /** False when the time budget ran out before the fixed point (running Fix all again goes on). */
  converged: boolean;
}

/** Source action of compose files: reorder the keys of every service (the order of `compose/service-keys-order`). */
export const SORT_SERVICE_KEYS_KIND = "source.sortServiceKeys.shipshape";

/**
 * Commands the server runs for any client, through `workspace/executeCommand` with one argument object
 * (documented in the README). They read and compute; they never write a file: each returns what it would
 * change, and the client asks the user before applying it.
 */
export const SERVER_COMMANDS = {
  /** {@link ReviewParams} -> {@link ReviewResponse} */
  review: "shipshape.server.review",
  /** {@link RefineParams} -> {@link RefineResponse} */
  refine: "shipshape.server.refine",
  /** {@link ProjectParams} -> {@link ProjectResponse} */
  project: "shipshape.server.project",
  /** {@link GenerateParams} -> {@link GenerateResponse} */
  generate: "shipshape.server.generate",
  /** {@link ConfigParams} -> {@link ConfigResponse} */
  config: "shipshape.server.config",
  /** {@link RulesParams} -> {@link RulesResponse} */
  rules: "shipshape.server.rules",
} as const;

export interface RulesParams {
  /** A file whose configuration gives the severities (default: the rules' defaults and the client's settings). */
  uri?: string;
}

export interface RulesResponse {
  /** URI of the config file that applies, when there is one. */
  file: string | null;
  rules: { id: string; kind: string; summary: string; severity: string; defaultSeverity: string; url: string }[];
}

export interface ReviewParams {
  /** The file to review; its open text when the client has it open, else the file on disk. */
  uri: string;
}

export interface ReviewResponse {
  /** The report (Critical / Improvements / Good) as Markdown. */
  markdown: string;
  critical: number;
  improvements: number;
  good: string[];
}

export interface RefineParams {
  uri: string;
  /** smaller-image | faster-builds | security | production (or an alias such as `size`, `prod`). */
  goal: string;
}

export interface RefineResponse {
  goal: RefineGoal;
  applied: { ruleId: string; title: string; line: number }[];
  /** The goal's larger changes in `edit` (builder/runtime split, manifests first, secret mounts): preview before applying. */
  goalChanges: { ruleId: string; title: string }[];
  /** What the goal asks for that could not be changed safely: show it, nothing of it is in `edit`. */
  advice: { ruleId: string; title: string; message: string; line?: number }[];
  /** The file's change as a unified diff (empty when unchanged), for a preview. */
  diff: string;
  /** The file's refined text (the right side of a diff preview); null when the file itself is unchanged. */
  text: string | null;
  /** Findings of the goal with no safe fix. */
  remaining: number;
  changed: boolean;
  /** The whole change as one edit (the file, plus files some fixes create or edit); null when nothing changes. */
  edit: WorkspaceEdit | null;
  /** Other files a fix wanted to change that are outside every workspace folder (left out of `edit`). */
  outside: string[];
}

export interface ProjectParams {
  /** A folder, or a file in it. */
  dir: string;
}

/** What the generators read from a project folder, for the questions a client asks before generating. */
export interface ProjectResponse {
  /** The folder's URI. */
  folder: string;
  name: string;
  platform: "python" | "node";
  pythonVersion: string;
  nodeVersion: string;
  packageManager: string;
  framework: string;
  entry: string;
  hasManifest: boolean;
  hasDockerfile: boolean;
  /** The web app's entry point (`module:app`) when the project has one beside Dagster definitions: `init dagster` runs it too. */
  webApp?: string;
  /** Why a generator cannot serve this project (the engine's `generatorRefusal`), per generator that refuses it. */
  refusals: Partial<Record<GeneratorName, string>>;
}

export interface GenerateParams {
  generator: GeneratorName;
  /** The project folder (URI). */
  dir: string;
  options?: GenerateOptions;
  /** Only these generated paths (relative to the folder), e.g. `["Makefile"]`. */
  only?: string[];
}

export interface GeneratedFilePlan {
  /** Relative to the folder. */
  path: string;
  uri: string;
  /** `create`: no such file; `unchanged`: it has this text already; `conflict`: it exists and differs. */
  action: "create" | "unchanged" | "conflict";
  contents: string;
  /** Unified diff from the current text to `contents` (empty when unchanged). */
  diff: string;
  /** True when the path leaves every workspace folder (after symlinks): never write it. */
  outside: boolean;
  /** Writes this file (CreateFile, overwriting on `conflict`, then its text); apply only after the user agreed. */
  edit: WorkspaceEdit;
  /**
   * On a `conflict` a client may offer instead of overwriting (`.dockerignore`): the existing file with only the
   * entries it lacks appended, its diff, the entries added, and the edit that writes it.
   */
  merge?: { contents: string; diff: string; added: string[]; edit: WorkspaceEdit };
}

export interface GenerateResponse {
  folder: string;
  files: GeneratedFilePlan[];
  /** What to tell the user after writing. */
  nextSteps: string[];
  /** recipes: the command that starts the stack. */
  command?: string;
  /** Why nothing was generated (e.g. no dependency manifest, no Dagster definitions), when so. */
  error?: string;
  /**
   * Files a previous run of this generator wrote (they say "Generated by Shipshape") that this run does not produce:
   * they stay as they are; a client says so before writing.
   */
  orphaned?: string[];
}

export interface ConfigParams {
  uri: string;
}

/** The configuration a file is linted with: the nearest config file, merged with the client's settings. */
export interface ConfigResponse {
  /** URI of the config file that applies, when there is one. */
  file: string | null;
  rules: ShipshapeConfig["rules"];
  problems: string[];
}

/**
 * Server -> client requests of the web extension: its server runs in a web worker with no file system, so it reads
 * the neighbour files rules need through the client's `workspace.fs` (services/cachedFs.ts). Parameter: `{ uri }`.
 * `readFile` answers the text (UTF-8) or null; `stat` answers "file", "directory" or null; `readDir` the entry
 * names or null. The desktop server reads the disk and never sends them.
 */
export const CLIENT_FS_REQUESTS = {
  readFile: "shipshape/fs/readFile",
  stat: "shipshape/fs/stat",
  readDir: "shipshape/fs/readDir",
} as const;

export interface ClientFsParams {
  uri: string;
}
