/**
 * Named references in a compose project: services, networks, volumes, configs and secrets (one namespace per
 * kind across every file of the project: base, overrides, `-f` variants and included files) and YAML
 * anchors/aliases (one namespace per YAML document). Definition, references, highlights and rename all read
 * the same occurrence list, so they always agree. Pure: models in, paths and ranges out.
 */
import { isAlias, isMap, isScalar, isSeq, Parser, type Node, type Pair, type YAMLMap } from "yaml";
import { isMergeKey, MAX_YAML_DEPTH, nestingTooDeep, scalarText, type ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { comparePositions, type Position, type Range, type TextEdit } from "../text";

export type ComposeSymbolKind = "service" | "network" | "volume" | "config" | "secret" | "anchor";

export const TOP_LEVEL_SECTIONS: Record<string, ComposeSymbolKind> = {
  services: "service",
  networks: "network",
  volumes: "volume",
  configs: "config",
  secrets: "secret",
};

export interface Occurrence {
  kind: ComposeSymbolKind;
  name: string;
  /** Which names are the same symbol: `service:web`, or `anchor:<path>#<document>:<name>` for anchors. */
  key: string;
  path: string;
  range: Range;
  /** The key under a top-level section, or the `&anchor`. */
  definition: boolean;
}

export interface NavTarget {
  path: string;
  range: Range;
}

/** Compose's own pattern for service, network, volume, config and secret names. */
const NAME = /^[a-zA-Z0-9._-]+$/;
/** A named volume (not a path) as the source of a short-syntax mount. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** YAML anchor names: no whitespace and no flow indicators. */
const ANCHOR_NAME = /^[^\s,[\]{}]+$/;

/** Walk budgets: nodes visited per file (bad input must not hang a request). */
const MAX_NODES = 200_000;

const cache = new WeakMap<ComposeFileModel, Occurrence[]>();

/** Every occurrence in one file (computed once per parsed file). */
export function fileOccurrences(file: ComposeFileModel): Occurrence[] {
  let out = cache.get(file);
  if (!out) {
    out = [...namedOccurrences(file), ...anchorOccurrences(file)];
    cache.set(file, out);
  }
  return out;
}

/** The files whose names share one namespace with `file`. */
export function projectFiles(project: ComposeProject, file: ComposeFileModel): ComposeFileModel[] {
  const all = [...project.included, ...project.files];
  return all.includes(file) ? all : [file, ...all];
}

/** The occurrence under the cursor (its range touches the position). */
export function occurrenceAt(file: ComposeFileModel, position: Position): Occurrence | undefined {
  return fileOccurrences(file).find((o) => comparePositions(o.range.start, position) <= 0 && comparePositions(position, o.range.end) <= 0);
}

/** Every occurrence of the same symbol: anchors in their own document, named symbols across the project. */
export function occurrencesOf(project: ComposeProject, file: ComposeFileModel, target: Occurrence): Occurrence[] {
  if (target.kind === "anchor") return fileOccurrences(file).filter((o) => o.key === target.key);
  const out: Occurrence[] = [];
  for (const f of projectFiles(project, file)) for (const o of fileOccurrences(f)) if (o.key === target.key) out.push(o);
  return out;
}

/** Where the symbol under the cursor is defined (every file that defines it, base first); `anchors: false` skips aliases. */
export function composeDefinition(
  project: ComposeProject,
  file: ComposeFileModel,
  position: Position,
  options: { anchors: boolean } = { anchors: true },
): NavTarget[] {
  const at = occurrenceAt(file, position);
  if (!at || (at.kind === "anchor" && !options.anchors)) return [];
  return occurrencesOf(project, file, at)
    .filter((o) => o.definition)
    .map(target);
}

export function composeReferences(
  project: ComposeProject,
  file: ComposeFileModel,
  position: Position,
  includeDeclaration: boolean,
): NavTarget[] {
  const at = occurrenceAt(file, position);
  if (!at) return [];
  return occurrencesOf(project, file, at)
    .filter((o) => includeDeclaration || !o.definition)
    .map(target);
}

/** Occurrences in this file only; definitions are the "write" ones. */
export function composeHighlights(project: ComposeProject, file: ComposeFileModel, position: Position): { range: Range; write: boolean }[] {
  const at = occurrenceAt(file, position);
  if (!at) return [];
  return occurrencesOf(project, file, at)
    .filter((o) => o.path === file.path)
    .map((o) => ({ range: o.range, write: o.definition }));
}

export interface PrepareRenameResult {
  range: Range;
  placeholder: string;
}

export function composePrepareRename(file: ComposeFileModel, position: Position): PrepareRenameResult | undefined {
  const at = occurrenceAt(file, position);
  if (!at) return undefined;
  return { range: at.range, placeholder: at.name };
}

export type RenameResult = { edits: Map<string, TextEdit[]> } | { error: string };

/**
 * Renames a symbol everywhere in the project. Refuses names Compose (or YAML, for anchors) would not accept
 * and names already taken by another symbol of the same kind, since the two would merge into one.
 */
export function composeRename(
  project: ComposeProject,
  file: ComposeFileModel,
  position: Position,
  newName: string,
): RenameResult | undefined {
  const at = occurrenceAt(file, position);
  if (!at) return undefined;
  const valid = at.kind === "anchor" ? ANCHOR_NAME.test(newName) : NAME.test(newName);
  if (!valid)
    return {
      error:
        at.kind === "anchor"
          ? `"${newName}" is not a valid YAML anchor name (no spaces or , [ ] { }).`
          : `"${newName}" is not a valid ${at.kind} name: Compose allows letters, digits, ".", "_" and "-".`,
    };
  if (newName === at.name) return { edits: new Map() };
  const all = occurrencesOf(project, file, at);
  const takenKey = at.key.slice(0, at.key.length - at.name.length) + newName;
  const pool = at.kind === "anchor" ? fileOccurrences(file) : projectFiles(project, file).flatMap(fileOccurrences);
  if (pool.some((o) => o.key === takenKey && o.definition))
    return { error: `A ${at.kind} named "${newName}" already exists${at.kind === "anchor" ? " in this document" : " in the project"}.` };
  const edits = new Map<string, TextEdit[]>();
  for (const o of all) {
    const list = edits.get(o.path) ?? [];
    list.push({ range: o.range, newText: newName });
    edits.set(o.path, list);
  }
  return { edits };
}

function target(o: Occurrence): NavTarget {
  return { path: o.path, range: o.range };
}

// ---------------------------------------------------------------------------------------------------------
// named references

interface Collector {
  file: ComposeFileModel;
  out: Occurrence[];
  budget: number;
  seen: Set<unknown>;
}

function namedOccurrences(file: ComposeFileModel): Occurrence[] {
  const c: Collector = { file, out: [], budget: MAX_NODES, seen: new Set() };
  const root = file.root;
  if (!root) return c.out;
  for (const item of root.items) {
    const section = scalarText(item.key);
    const kind = section === undefined ? undefined : TOP_LEVEL_SECTIONS[section];
    if (!kind || !isMap(item.value)) continue;
    for (const entry of item.value.items) {
      if (--c.budget < 0) return c.out;
      if (isMergeKey(entry.key)) continue;
      const name = scalarText(entry.key);
      if (name === undefined) continue;
      add(c, kind, entry.key, 0, name, true);
      if (kind === "service") serviceReferences(c, file.resolve(entry.value));
    }
  }
  return c.out;
}

/** The references inside one service's mapping (and the maps it merges with `<<`). */
function serviceReferences(c: Collector, node: Node | undefined, depth = 0): void {
  if (!isMap(node) || depth > 16 || c.seen.has(node) || !c.file.owns(node)) return;
  c.seen.add(node);
  for (const pair of node.items) {
    if (--c.budget < 0) return;
    if (isMergeKey(pair.key)) {
      const v = c.file.resolve(pair.value);
      for (const m of isSeq(v) ? v.items.map((i) => c.file.resolve(i)) : [v]) serviceReferences(c, m, depth + 1);
      continue;
    }
    const key = scalarText(pair.key);
    const value = pair.value as Node | null;
    if (!key || !value || isAlias(value)) continue;
    switch (key) {
      case "depends_on":
        namesIn(c, "service", value);
        break;
      case "links":
        for (const item of seqScalars(value)) prefixBefore(c, "service", item, ":");
        break;
      case "volumes_from":
        for (const item of seqScalars(value)) if (!/^container:/.test(scalarText(item) ?? "")) prefixBefore(c, "service", item, ":");
        break;
      case "extends":
        if (isScalar(value)) whole(c, "service", value);
        else if (isMap(value) && !c.file.pair(value, "file")) {
          const service = c.file.pair(value, "service")?.value;
          if (isScalar(service)) whole(c, "service", service);
        }
        break;
      case "network_mode":
      case "ipc":
      case "pid":
        if (isScalar(value)) afterPrefix(c, "service", value, "service:");
        break;
      case "networks":
        namesIn(c, "network", value);
        break;
      case "volumes":
        mounts(c, value);
        break;
      case "secrets":
      case "configs":
        sourcesIn(c, key === "secrets" ? "secret" : "config", value);
        break;
      case "build":
        if (isMap(value)) {
          const secrets = value.items.find((p) => scalarText(p.key) === "secrets")?.value;
          if (secrets) sourcesIn(c, "secret", secrets as Node);
        }
        break;
    }
  }
}

/** A list of names, or a map keyed by name (`depends_on`, `networks`). */
function namesIn(c: Collector, kind: ComposeSymbolKind, value: Node): void {
  if (isSeq(value)) for (const item of seqScalars(value)) whole(c, kind, item);
  else if (isMap(value)) for (const p of value.items) if (isScalar(p.key) && !isMergeKey(p.key)) whole(c, kind, p.key);
}

/** `secrets:` / `configs:`: names, or maps with `source:`. */
function sourcesIn(c: Collector, kind: ComposeSymbolKind, value: Node): void {
  if (!isSeq(value)) return;
  for (const item of value.items) {
    if (isScalar(item)) whole(c, kind, item);
    else if (isMap(item)) {
      const source = sourcePair(item);
      if (source && isScalar(source.value)) whole(c, kind, source.value);
    }
  }
}

/** Service `volumes:`: `name:/path[:mode]` and `{ type: volume, source: name }`; bind mounts are paths, not names. */
function mounts(c: Collector, value: Node): void {
  if (!isSeq(value)) return;
  for (const item of value.items) {
    if (isScalar(item)) {
      const text = scalarText(item) ?? "";
      const colon = text.indexOf(":");
      if (colon <= 0) continue;
      const name = text.slice(0, colon);
      if (VOLUME_NAME.test(name) && !/^[a-zA-Z]$/.test(name)) add(c, "volume", item, 0, name, false);
    } else if (isMap(item)) {
      const type = item.items.find((p) => scalarText(p.key) === "type");
      if (scalarText(type?.value) !== "volume") continue;
      const source = sourcePair(item);
      if (source && isScalar(source.value) && VOLUME_NAME.test(scalarText(source.value) ?? "")) whole(c, "volume", source.value);
    }
  }
}

function sourcePair(map: YAMLMap): Pair | undefined {
  return map.items.find((p) => scalarText(p.key) === "source");
}

function seqScalars(value: Node): Node[] {
  return isSeq(value) ? value.items.filter((i): i is Node => isScalar(i)) : [];
}

function whole(c: Collector, kind: ComposeSymbolKind, node: unknown): void {
  const name = scalarText(node);
  if (name !== undefined && NAME.test(name)) add(c, kind, node, 0, name, false);
}

/** `name:rest` (links, volumes_from): the part before the first separator. */
function prefixBefore(c: Collector, kind: ComposeSymbolKind, node: Node, sep: string): void {
  const text = scalarText(node);
  if (text === undefined) return;
  const i = text.indexOf(sep);
  const name = i < 0 ? text : text.slice(0, i);
  if (NAME.test(name)) add(c, kind, node, 0, name, false);
}

/** `service:name` (network_mode, ipc, pid). */
function afterPrefix(c: Collector, kind: ComposeSymbolKind, node: Node, prefix: string): void {
  const text = scalarText(node);
  if (!text?.startsWith(prefix)) return;
  const name = text.slice(prefix.length);
  if (NAME.test(name)) add(c, kind, node, prefix.length, name, false);
}

/**
 * Records `name`, found at `offset` characters into the scalar's value, when the source text spells it
 * exactly there (quoted scalars shift by the quote; escapes and block scalars are left alone).
 */
function add(c: Collector, kind: ComposeSymbolKind, node: unknown, offset: number, name: string, definition: boolean): void {
  const r = (node as Node | undefined)?.range;
  if (!r || !c.file.owns(node)) return;
  const text = c.file.text;
  const first = text[r[0]];
  if (first === "|" || first === ">") return;
  const start = r[0] + (first === '"' || first === "'" ? 1 : 0) + offset;
  if (text.slice(start, start + name.length) !== name) return;
  c.out.push({
    kind,
    name,
    key: `${kind}:${name}`,
    path: c.file.path,
    range: c.file.lines.rangeOf(start, start + name.length),
    definition,
  });
}

// ---------------------------------------------------------------------------------------------------------
// anchors and aliases

interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
}

/** `&name` and `*name` tokens from the concrete syntax tree (exact offsets, per document). */
function anchorOccurrences(file: ComposeFileModel): Occurrence[] {
  const out: Occurrence[] = [];
  const text = file.text;
  if (!text.includes("&") || nestingTooDeep(text, MAX_YAML_DEPTH) !== undefined) return out;
  let budget = MAX_NODES;
  let documentIndex = -1;
  const visit = (value: unknown, depth: number): void => {
    if (budget-- < 0 || depth > MAX_YAML_DEPTH * 4 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const t = value as CstToken;
    if ((t.type === "anchor" || t.type === "alias") && typeof t.offset === "number" && typeof t.source === "string") {
      const name = t.source.slice(1).trimEnd();
      if (name) {
        out.push({
          kind: "anchor",
          name,
          key: `anchor:${file.path}#${documentIndex}:${name}`,
          path: file.path,
          range: file.lines.rangeOf(t.offset + 1, t.offset + 1 + name.length),
          definition: t.type === "anchor",
        });
      }
      return;
    }
    for (const [k, v] of Object.entries(value)) if (k !== "source" && typeof v === "object") visit(v, depth + 1);
  };
  for (const token of new Parser().parse(text)) {
    if (token.type === "document") documentIndex++;
    visit(token, 0);
  }
  return out;
}
