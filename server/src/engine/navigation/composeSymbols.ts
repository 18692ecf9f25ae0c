/**
 * The outline of a compose file (Outline view, breadcrumbs, Go to Symbol): top-level sections, the services
 * with their keys, and the networks, volumes, configs and secrets. Shaped like LSP's DocumentSymbol.
 */
import { isMap, isScalar, isSeq, type Pair } from "yaml";
import { isMergeKey, scalarText, type ComposeFileModel } from "../model/compose";
import type { Range } from "../text";

/** LSP SymbolKind values (the protocol's numbers). */
export const SYMBOL_KIND = {
  module: 2,
  namespace: 3,
  class: 5,
  property: 7,
  field: 8,
  interface: 11,
  variable: 13,
  string: 15,
  array: 18,
  object: 19,
  key: 20,
} as const;

export type OutlineKind = (typeof SYMBOL_KIND)[keyof typeof SYMBOL_KIND];

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  range: Range;
  selectionRange: Range;
  children?: OutlineSymbol[];
}

/** Outlines past this many entries stop growing (a generated 10,000-service file stays responsive). */
const MAX_SYMBOLS = 5_000;

const SECTION_CHILD_KIND: Record<string, OutlineKind> = {
  services: SYMBOL_KIND.class,
  networks: SYMBOL_KIND.interface,
  volumes: SYMBOL_KIND.object,
  configs: SYMBOL_KIND.object,
  secrets: SYMBOL_KIND.key,
  models: SYMBOL_KIND.object,
};

export function composeSymbols(file: ComposeFileModel): OutlineSymbol[] {
  const root = file.root;
  if (!root) return [];
  let budget = MAX_SYMBOLS;
  const symbol = (pair: Pair, kind: OutlineKind, detail?: string, children?: OutlineSymbol[]): OutlineSymbol | undefined => {
    const name = scalarText(pair.key);
    if (name === undefined || !file.owns(pair.key) || --budget < 0) return undefined;
    const s: OutlineSymbol = { name, kind, range: file.rangeOf(pair), selectionRange: file.rangeOf(pair.key) };
    if (detail) s.detail = detail;
    if (children?.length) s.children = children;
    return s;
  };
  const out: OutlineSymbol[] = [];
  for (const top of root.items) {
    if (isMergeKey(top.key)) continue;
    const section = scalarText(top.key) ?? "";
    const value = top.value;
    const childKind = SECTION_CHILD_KIND[section];
    let children: OutlineSymbol[] = [];
    if (childKind !== undefined && isMap(value)) {
      for (const entry of value.items) {
        if (isMergeKey(entry.key)) continue;
        if (section === "services") {
          const body = file.resolve(entry.value);
          const keys: OutlineSymbol[] = [];
          // only keys written in this service (an alias' keys live, and are outlined, where the anchor is)
          if (isMap(entry.value))
            for (const k of entry.value.items) {
              const s = isMergeKey(k.key) ? undefined : symbol(k as Pair, keyKind(k as Pair), valueDetail(k as Pair));
              if (s) keys.push(s);
            }
          const s = symbol(entry as Pair, childKind, serviceDetail(file, isMap(body) ? body : undefined), keys);
          if (s) children.push(s);
        } else {
          const s = symbol(entry as Pair, childKind, isMap(entry.value) ? externalDetail(file, entry.value) : undefined);
          if (s) children.push(s);
        }
      }
    } else if (isMap(value)) {
      children = [];
      for (const entry of value.items) {
        if (isMergeKey(entry.key)) continue;
        const s = symbol(entry as Pair, keyKind(entry as Pair), valueDetail(entry as Pair));
        if (s) children.push(s);
      }
    }
    const kind = childKind !== undefined ? SYMBOL_KIND.module : section.startsWith("x-") ? SYMBOL_KIND.namespace : keyKind(top as Pair);
    const s = symbol(top as Pair, kind, valueDetail(top as Pair), children);
    if (s) out.push(s);
  }
  return out;
}

function keyKind(pair: Pair): OutlineKind {
  if (isMap(pair.value)) return SYMBOL_KIND.object;
  if (isSeq(pair.value)) return SYMBOL_KIND.array;
  return SYMBOL_KIND.property;
}

/** A short scalar value, or the anchor a mapping carries. */
function valueDetail(pair: Pair): string | undefined {
  const v = pair.value as { anchor?: string } | null;
  if (isScalar(v)) {
    const text = scalarText(v);
    return text !== undefined && text.length <= 60 && !text.includes("\n") ? text : undefined;
  }
  return v?.anchor ? `&${v.anchor}` : undefined;
}

function serviceDetail(file: ComposeFileModel, body: Parameters<ComposeFileModel["scalar"]>[0]): string | undefined {
  const image = file.scalar(body, "image");
  if (image) return image;
  const build = file.get(body, "build");
  if (isScalar(build)) return `build ${scalarText(build) ?? ""}`.trim();
  if (isMap(build)) return `build ${file.scalar(build, "context") ?? "."}`;
  return undefined;
}

function externalDetail(file: ComposeFileModel, body: Parameters<ComposeFileModel["scalar"]>[0]): string | undefined {
  const ext = file.scalar(body, "external");
  if (ext === "true") return "external";
  return file.scalar(body, "file") ?? file.scalar(body, "driver") ?? file.scalar(body, "environment");
}
