/**
 * What the editor commands compute, run in the server so that every client (VS Code on the desktop or in the
 * browser, Neovim, any LSP client) gets the same answer from the same engine, configuration and files:
 * review, refine, the generators and config lookup. Nothing here writes a file: each command returns edits,
 * and the client shows them and asks before applying them.
 */
import type { ClientCapabilities, CreateFile, TextDocumentEdit, WorkspaceEdit } from "vscode-languageserver";
import { URI, Utils } from "vscode-uri";
import { parseGoal, registryProblem } from "../engine/choices";
import type { ShipshapeConfig } from "../engine/config";
import { generate, GENERATOR_NAMES, generatorRefusal, nextSteps, type GenerateOptions, type GeneratorName } from "../engine/generators";
import { unifiedDiff } from "../engine/generators/diff";
import { orphanedFiles } from "../engine/generators/orphans";
import { planFiles } from "../engine/generators/plan";
import { dagsterWebApp } from "../engine/generators/dagster";
import { readProjectFacts } from "../engine/generators/projectFacts";
import { recipeCommand } from "../engine/generators/recipes";
import { basename, dirname, normalize, relative } from "../engine/paths";
import { refine } from "../engine/refine";
import { reviewFile } from "../engine/review";
import type { FileChange, FileKind, WorkspaceFs } from "../engine/types";
import {
  SERVER_COMMANDS,
  type ConfigParams,
  type ConfigResponse,
  type GeneratedFilePlan,
  type GenerateParams,
  type GenerateResponse,
  type ProjectParams,
  type ProjectResponse,
  type RefineParams,
  type RefineResponse,
  type ReviewParams,
  type ReviewResponse,
  type RulesParams,
  type RulesResponse,
} from "./protocol";
import { resolveRuleSetting } from "../engine/config";
import { ruleDocUrl } from "../engine/docs";
import { allRules } from "../engine/rules";
import { uriToPath } from "./uris";
import { fixToWorkspaceEdit } from "./workspaceEdits";
import type { TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";

/** What the commands need from the server around them (the language server, or a test). */
export interface CommandHost {
  documents: TextDocuments<TextDocument>;
  /** The files as the rules see them for this URI: open editors over the workspace. */
  fs(uri: string): WorkspaceFs;
  /** Workspace folder paths (engine form). */
  roots(): readonly string[];
  /** The configuration a file is linted with (the same resolver as the diagnostics). */
  config(uri: string, fs: WorkspaceFs): Promise<{ config: ShipshapeConfig; file: string | undefined; problems: string[] }>;
  /** The path with symlinks resolved (of its longest existing prefix); identity where there are none. */
  realPath(path: string): string;
  kindOf(uri: string, languageId: string | undefined): FileKind | undefined;
  capabilities(): ClientCapabilities;
}

/** A request a client sent that cannot be answered (bad arguments, no such file): the client shows the message. */
export class CommandError extends Error {}

export const SERVER_COMMAND_IDS: string[] = Object.values(SERVER_COMMANDS);

export async function runServerCommand(host: CommandHost, command: string, arg: unknown): Promise<unknown> {
  const args = (typeof arg === "object" && arg !== null ? arg : {}) as Record<string, unknown>;
  switch (command) {
    case SERVER_COMMANDS.review:
      return review(host, args as unknown as ReviewParams);
    case SERVER_COMMANDS.refine:
      return refineCommand(host, args as unknown as RefineParams);
    case SERVER_COMMANDS.project:
      return project(host, args as unknown as ProjectParams);
    case SERVER_COMMANDS.generate:
      return generateCommand(host, args as unknown as GenerateParams);
    case SERVER_COMMANDS.config:
      return configCommand(host, args as unknown as ConfigParams);
    case SERVER_COMMANDS.rules:
      return rulesCommand(host, args as unknown as RulesParams);
    default:
      throw new CommandError(`unknown command ${command}`);
  }
}

function uriArg(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") throw new CommandError(`${name}: expected a URI string`);
  try {
    URI.parse(value, true);
  } catch {
    throw new CommandError(`${name}: not a URI: ${value}`);
  }
  return value;
}

/** The text of a file: the open editor's, else the workspace's. */
function source(host: CommandHost, uri: string): { path: string; text: string; kind: FileKind; version: number | null; fs: WorkspaceFs } {
  const doc = host.documents.get(uri);
  const path = uriToPath(uri);
  const fs = host.fs(uri);
  const text = doc?.getText() ?? fs.readFile(path);
  if (text === undefined) throw new CommandError(`cannot read ${uri}`);
  const kind = host.kindOf(uri, doc?.languageId);
  if (!kind) throw new CommandError(`${basename(path)} is not a Dockerfile, compose file or .dockerignore`);
  return { path, text, kind, version: doc ? doc.version : null, fs };
}

async function review(host: CommandHost, params: ReviewParams): Promise<ReviewResponse> {
  const uri = uriArg(params.uri, "uri");
  const file = source(host, uri);
  const { config } = await host.config(uri, file.fs);
  // every line named in the report links to that line of the file (a Markdown preview opens it there)
  const lineLink = (line: number) => `${uri}#L${line}`;
  const result = reviewFile({ path: file.path, text: file.text, kind: file.kind, fs: file.fs, config, lineLink });
  return { markdown: result.markdown, critical: result.critical.length, improvements: result.improvements.length, good: result.good };
}

async function refineCommand(host: CommandHost, params: RefineParams): Promise<RefineResponse> {
  const uri = uriArg(params.uri, "uri");
  const goal = typeof params.goal === "string" ? parseGoal(params.goal) : undefined;
  if (!goal) throw new CommandError(`goal: expected smaller-image, faster-builds, security or production`);
  const file = source(host, uri);
  if (file.kind === "dockerignore") throw new CommandError("refine works on Dockerfiles and compose files");
  const { config } = await host.config(uri, file.fs);
  const result = refine({ path: file.path, text: file.text, kind: file.kind, fs: file.fs, config, goal });
  const inside: FileChange[] = [];
  const outside: FileChange[] = [];
  for (const change of result.changes) (isInside(host, change.path) ? inside : outside).push(change);
  let edit: WorkspaceEdit | null = null;
  if (result.changed || inside.length > 0) {
    // the version pins the edit to the text it was computed from: a client refuses it once the user typed on
    edit =
      fixToWorkspaceEdit(uri, file.version ?? 0, result.edits, inside, host.capabilities(), host.documents) ??
      fixToWorkspaceEdit(uri, file.version ?? 0, result.edits, [], host.capabilities(), host.documents) ??
      null;
    if (edit && file.version === null) {
      // not open in the client: unversioned
      for (const c of edit.documentChanges ?? []) if ("textDocument" in c && c.textDocument.uri === uri) c.textDocument.version = null;
    }
  }
  return {
    goal,
    applied: result.applied,
    goalChanges: result.goalChanges,
    advice: result.advice,
    // the file's diff, then the files the refinement creates (a new .dockerignore), so the user sees all it does
    diff: result.changed
      ? [
          unifiedDiff(file.text, result.output, `a/${basename(file.path)}`, `b/${basename(file.path)}`),
          ...inside.filter((c) => c.create !== undefined).map((c) => unifiedDiff("", c.create ?? "", "/dev/null", `b/${basename(c.path)}`)),
        ].join("")
      : "",
    text: result.changed ? result.output : null,
    remaining: result.remaining.length,
    changed: result.changed,
    edit,
    outside: outside.map((c) => c.path),
  };
}

/** The folder a URI names, or the folder of the file it names. */
function folderOf(host: CommandHost, dir: string): { uri: URI; path: string; fs: WorkspaceFs } {
  const uri = URI.parse(uriArg(dir, "dir"));
  const fs = host.fs(uri.toString());
  const path = uriToPath(uri.toString());
  if (fs.isDirectory(path)) return { uri, path, fs };
  if (fs.exists(path)) return { uri: Utils.dirname(uri), path: dirname(path), fs };
  throw new CommandError(`${uri.scheme === "file" ? uri.fsPath : uri.toString()} does not exist`);
}

function project(host: CommandHost, params: ProjectParams): ProjectResponse {
  const folder = folderOf(host, params.dir);
  const facts = readProjectFacts(folder.fs, folder.path);
  return {
    folder: folder.uri.toString(),
    name: facts.name,
    platform: facts.platform,
    pythonVersion: facts.pythonVersion,
    nodeVersion: facts.nodeVersion,
    packageManager: facts.packageManager,
    framework: facts.framework,
    entry: facts.entry,
    hasManifest: facts.hasManifest,
    hasDockerfile: facts.hasDockerfile,
    webApp: facts.dagsterModule !== undefined ? dagsterWebApp(facts) : undefined,
    refusals: Object.fromEntries(
      GENERATOR_NAMES.map((g) => [g, generatorRefusal(g, facts)]).filter((e): e is [GeneratorName, string] => e[1] !== undefined),
    ),
  };
}

function generateCommand(host: CommandHost, params: GenerateParams): GenerateResponse {
  const name = params.generator;
  if (!GENERATOR_NAMES.includes(name)) throw new CommandError(`generator: expected one of ${GENERATOR_NAMES.join(", ")}`);
  const folder = folderOf(host, params.dir);
  const facts = readProjectFacts(folder.fs, folder.path);
  const options = readGenerateOptions(params.options);
  const base = { folder: folder.uri.toString(), files: [], nextSteps: [] };
  // the engine's one answer to "can this generator serve this project" (the CLI exits 2 with the same words)
  const refusal = generatorRefusal(name, facts);
  if (refusal !== undefined) return { ...base, error: `${folder.path}: ${refusal}` };
  let generated = generate(name, facts, options);
  const orphaned = Array.isArray(params.only) ? [] : orphanedFiles(folder.fs, folder.path, name, facts, options, generated);
  if (Array.isArray(params.only)) generated = generated.filter((f) => params.only?.includes(f.path));
  const files: GeneratedFilePlan[] = planFiles(folder.fs, folder.path, generated).map((p) => {
    const uri = Utils.joinPath(folder.uri, ...p.path.split("/")).toString();
    return {
      path: p.path,
      uri,
      action: p.action,
      contents: p.contents,
      diff: p.diff,
      outside: !isInside(host, p.absolutePath),
      edit: writeFileEdit(uri, p.contents, p.action === "conflict"),
      ...(p.mergeable ? { merge: { ...p.mergeable, edit: writeFileEdit(uri, p.mergeable.contents, true) } } : {}),
    };
  });
  return {
    ...base,
    files,
    nextSteps: nextSteps(name, facts, options),
    command: name === "recipes" ? recipeCommand(options.recipes ?? []) : undefined,
    ...(orphaned.length > 0 ? { orphaned } : {}),
  };
}

/** Only the options a generator knows, with the types it expects (anything else is dropped). */
function readGenerateOptions(raw: unknown): GenerateOptions {
  const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: GenerateOptions = {};
  if (o.flavour === "slim" || o.flavour === "hardened" || o.flavour === "distroless") out.flavour = o.flavour;
  if (typeof o.registry === "string" && o.registry.trim() !== "") {
    const problem = registryProblem(o.registry);
    if (problem !== undefined) throw new CommandError(`registry "${o.registry.trim()}": ${problem}`);
    out.registry = o.registry.trim();
  }
  if (typeof o.devStage === "boolean") out.devStage = o.devStage;
  if (typeof o.compose === "boolean") out.compose = o.compose;
  if (typeof o.makefile === "boolean") out.makefile = o.makefile;
  if (typeof o.dev === "boolean") out.dev = o.dev;
  if (typeof o.app === "boolean") out.app = o.app;
  if (Array.isArray(o.recipes))
    out.recipes = o.recipes.filter((r): r is NonNullable<GenerateOptions["recipes"]>[number] => typeof r === "string");
  return out;
}

function writeFileEdit(uri: string, contents: string, overwrite: boolean): WorkspaceEdit {
  const create: CreateFile = {
    kind: "create",
    uri,
    options: overwrite ? { overwrite: true } : { overwrite: false, ignoreIfExists: false },
  };
  const text: TextDocumentEdit = {
    textDocument: { uri, version: null },
    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: contents }],
  };
  return { documentChanges: contents === "" ? [create] : [create, text] };
}

/** True when `path` (symlinks resolved) is inside one of the workspace folders. */
export function isInside(host: CommandHost, path: string): boolean {
  const real = host.realPath(normalize(path));
  return host.roots().some((root) => {
    const rel = relative(host.realPath(root), real);
    return rel !== "." && rel !== ".." && !rel.startsWith("../") && !rel.startsWith("/");
  });
}

async function configCommand(host: CommandHost, params: ConfigParams): Promise<ConfigResponse> {
  const uri = uriArg(params.uri, "uri");
  const resolved = await host.config(uri, host.fs(uri));
  return {
    file: resolved.file === undefined ? null : URI.file(resolved.file).toString(),
    rules: resolved.config.rules ?? {},
    problems: resolved.problems,
  };
}

/** Every rule with the severity it has for a file (its config file and the client's settings), for a rule list. */
async function rulesCommand(host: CommandHost, params: RulesParams): Promise<RulesResponse> {
  let config: ShipshapeConfig | undefined;
  let file: string | null = null;
  if (typeof params.uri === "string" && params.uri !== "") {
    const uri = uriArg(params.uri, "uri");
    const resolved = await host.config(uri, host.fs(uri));
    config = resolved.config;
    file = resolved.file === undefined ? null : URI.file(resolved.file).toString();
  }
  return {
    file,
    rules: allRules.map((r) => ({
      id: r.meta.id,
      kind: r.meta.kind,
      summary: r.meta.summary,
      severity: resolveRuleSetting(r, config).severity,
      defaultSeverity: r.meta.defaultSeverity,
      url: ruleDocUrl(r.meta.id),
    })),
  };
}
