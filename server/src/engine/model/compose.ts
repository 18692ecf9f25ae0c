import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from "yaml";
import { LineIndex, loneCrToLf, type Range } from "../text";

export interface ParseProblem {
  message: string;
  range: Range;
  severity: "error" | "warning";
}

/** How many alias hops a lookup may follow before giving up (alias bombs, cycles). */
const MAX_ALIAS_HOPS = 64;

/**
 * Maps a `<<` merge may reach from one map (itself included). Merges are expanded once per map (a map seen
 * before adds nothing new), so self-merges and cycles end; this caps merge bombs that reach many distinct maps.
 */
export const MAX_MERGED_MAPS = 1_000;

/** Nodes visited when looking for duplicate keys (bounded; aliases are not followed). */
const MAX_DUPLICATE_SCAN_NODES = 200_000;

/** Real compose files nest fewer than 10 levels; far deeper input is not parsed at all. */
export const MAX_YAML_DEPTH = 200;

/**
 * An upper estimate of how deep YAML nests (block indentation levels, compact `- `/`? ` entries, and flow
 * brackets outside quotes and comments), in one linear pass. Returns the offset where `limit` is passed, or
 * undefined when the text stays within it.
 */
export function nestingTooDeep(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let block = 0;
  let i = 0;
  while (i < text.length) {
    // start of a line: block depth from indentation, plus compact entries (`- - x`, `? - x`)
    let indent = 0;
    while (text[i] === " ") {
      indent++;
      i++;
    }
    const blank = i >= text.length || text[i] === "\n" || text[i] === "\r" || text[i] === "#";
    if (!blank && flow === 0) {
      while (indents.length && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      block = indents.length;
      while ((text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
        block++;
        i += 2;
        while (text[i] === " " || text[i] === "\t") i++;
        if (block > limit) return i;
      }
    }
    if (block + flow > limit) return i;
    // the rest of the line: flow brackets outside quotes and comments
    let quote = "";
    for (; i < text.length && text[i] !== "\n"; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === "\\" && quote === '"') i++;
        else if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) {
        while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      } else if (c === "[" || c === "{") {
        flow++;
        if (block + flow > limit) return i;
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    i++;
  }
  return undefined;
}

export function isMergeKey(key: unknown): boolean {
  return (
    isScalar(key) && (key.source === "<<" || key.value === "<<" || (typeof key.value === "symbol" && String(key.value) === "Symbol(<<)"))
  );
}

export function scalarText(node: unknown): string | undefined {
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return undefined;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return undefined;
}

export interface ServiceModel {
  name: string;
  file: ComposeFileModel;
  key: Scalar;
  keyRange: Range;
  /** The service's mapping (undefined when the value is null or not a map). */
  node: YAMLMap | undefined;
}

/** One compose file: the YAML document with exact ranges, read without expanding aliases. */
export class ComposeFileModel {
  readonly lines: LineIndex;
  readonly doc: Document.Parsed;
  readonly problems: ParseProblem[] = [];
  readonly services: ServiceModel[] = [];

  /** @param lines the text's line index when the caller has one already (the linter does) */
  constructor(
    readonly path: string,
    readonly text: string,
    lines?: LineIndex,
  ) {
    this.lines = lines?.text === text ? lines : new LineIndex(text);
    // same offsets, but line breaks the parser knows (a lone CR is one in YAML 1.2 and for Compose)
    const source = loneCrToLf(text);
    const tooDeep = nestingTooDeep(source, MAX_YAML_DEPTH);
    // `yaml` recurses per nesting level: ~1,000 levels overflow the stack (and can abort the process in V8's regex compiler)
    // the parser creates an Error per problem: without stack traces an error-dense file parses ~3x faster
    const traces = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const parse = (yamlText: string) =>
      parseDocument(yamlText, { merge: true, prettyErrors: false, uniqueKeys: false, strict: false, keepSourceTokens: false });
    let overflow = false;
    try {
      this.doc = parse(tooDeep === undefined ? source : "");
    } catch (error) {
      // the parser recurses while it recovers from some error patterns (thousands of mis-indented lines):
      // whatever the depth estimate misses ends here, as one clear problem instead of a crash
      if (!(error instanceof RangeError)) throw error;
      overflow = true;
      this.doc = parse("");
    } finally {
      Error.stackTraceLimit = traces;
    }
    if (overflow)
      this.problems.push({
        message: "YAML too deeply nested or malformed for the parser (it ran out of stack); Shipshape did not read this file",
        range: this.lines.rangeOf(0, 0),
        severity: "error",
      });
    if (tooDeep !== undefined)
      this.problems.push({
        message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels; Shipshape did not read this file`,
        range: this.lines.rangeOf(tooDeep, tooDeep),
        severity: "error",
      });
    for (const e of this.doc.errors)
      this.problems.push({ message: e.message.split("\n")[0] as string, range: this.lines.rangeOf(e.pos[0], e.pos[1]), severity: "error" });
    for (const w of this.doc.warnings) {
      // `!reset` and `!override` are Compose's own tags
      if (/Unresolved tag: !(reset|override)/.test(w.message)) continue;
      this.problems.push({
        message: w.message.split("\n")[0] as string,
        range: this.lines.rangeOf(w.pos[0], w.pos[1]),
        severity: "warning",
      });
    }
    const services = this.topLevelValue("services");
    if (isMap(services)) {
      for (const item of services.items) {
        if (!isScalar(item.key)) continue;
        const name = scalarText(item.key);
        if (name === undefined) continue;
        const value = this.resolve(item.value);
        this.services.push({ name, file: this, key: item.key, keyRange: this.rangeOf(item.key), node: isMap(value) ? value : undefined });
      }
    }
  }

  get root(): YAMLMap | undefined {
    return isMap(this.doc.contents) ? this.doc.contents : undefined;
  }

  topLevel(key: string): Pair | undefined {
    return this.root ? pairOf(this.root, key, this) : undefined;
  }

  topLevelValue(key: string): Node | undefined {
    return this.resolve(this.topLevel(key)?.value);
  }

  /** Follows aliases (bounded). */
  resolve(node: unknown): Node | undefined {
    let n: unknown = node;
    for (let hops = 0; isAlias(n) && hops < MAX_ALIAS_HOPS; hops++) n = this.aliasTargets().get(n);
    return isAlias(n) ? undefined : (n as Node | undefined);
  }

  /**
   * Every alias's target, from one walk of the document in order (an alias names the closest anchor before
   * it, as YAML says). yaml's own `Alias.resolve` walks the whole document per alias: quadratic on files
   * with thousands of aliases.
   */
  private aliasTargets(): Map<unknown, unknown> {
    if (this.targets) return this.targets;
    const targets = new Map<unknown, unknown>();
    const anchors = new Map<string, unknown>();
    visit(this.doc, {
      Node: (_key, node) => {
        if (isAlias(node)) targets.set(node, anchors.get(node.source));
        else if ((node as { anchor?: string }).anchor) anchors.set((node as { anchor: string }).anchor, node);
      },
    });
    this.targets = targets;
    return targets;
  }

  private targets: Map<unknown, unknown> | undefined;

  /**
   * The maps a lookup in `map` consults, nearest first: the map itself, then each `<<` source in order with
   * that source's own merges before the next source (YAML's "earlier wins"). Each map appears once, so a map
   * that merges itself or a cycle of anchors ends, and at most MAX_MERGED_MAPS maps are read (merge bombs).
   */
  mergeChain(map: YAMLMap): readonly YAMLMap[] {
    const cached = this.mergeChains.get(map);
    if (cached) return cached;
    const chain: YAMLMap[] = [];
    const seen = new Set<YAMLMap>();
    // explicit stack (deep merge chains must not use the call stack); sources are pushed in reverse order
    const stack: YAMLMap[] = [map];
    while (stack.length > 0 && chain.length < MAX_MERGED_MAPS) {
      const m = stack.pop() as YAMLMap;
      if (seen.has(m)) continue;
      seen.add(m);
      chain.push(m);
      const sources: YAMLMap[] = [];
      for (const item of m.items) {
        if (!isMergeKey(item.key)) continue;
        const v = this.resolve(item.value);
        for (const src of isSeq(v) ? v.items : [v]) {
          const r = this.resolve(src);
          if (isMap(r) && !seen.has(r)) sources.push(r);
        }
      }
      for (let i = sources.length - 1; i >= 0; i--) stack.push(sources[i] as YAMLMap);
    }
    this.mergeChains.set(map, chain);
    return chain;
  }

  /** The maps `map` merges directly with `<<` (aliases resolved, in order, each once, never `map` itself). */
  mergeSources(map: YAMLMap): YAMLMap[] {
    const out: YAMLMap[] = [];
    for (const item of map.items) {
      if (!isMergeKey(item.key)) continue;
      const v = this.resolve(item.value);
      for (const src of isSeq(v) ? v.items : [v]) {
        const r = this.resolve(src);
        if (isMap(r) && r !== map && !out.includes(r) && out.length < MAX_MERGED_MAPS) out.push(r);
      }
    }
    return out;
  }

  private readonly mergeChains = new WeakMap<YAMLMap, readonly YAMLMap[]>();

  /**
   * Keys written a second time in the same mapping (Compose rejects the file). Aliases are not followed; the
   * walk is iterative and stops after MAX_DUPLICATE_SCAN_NODES nodes.
   */
  duplicateKeys(): Scalar[] {
    if (this.duplicates) return this.duplicates;
    const out: Scalar[] = [];
    let visited = 0;
    const stack: unknown[] = [this.doc.contents];
    while (stack.length > 0 && visited++ < MAX_DUPLICATE_SCAN_NODES) {
      const n = stack.pop();
      if (isMap(n)) {
        // most mappings are small: a list beats a Set per mapping there (one Set per mapping showed in profiles)
        const small = n.items.length <= 16;
        const seenList: string[] = [];
        const seen = small ? undefined : new Set<string>();
        for (const item of n.items) {
          if (!isMergeKey(item.key) && isScalar(item.key)) {
            const k = scalarText(item.key);
            if (k !== undefined) {
              if (seen ? seen.has(k) : seenList.includes(k)) out.push(item.key);
              if (seen) seen.add(k);
              else seenList.push(k);
            }
          }
          stack.push(item.value);
        }
      } else if (isSeq(n)) {
        for (const item of n.items) stack.push(item);
      }
    }
    this.duplicates = out;
    return out;
  }

  private duplicates: Scalar[] | undefined;

  /** The pair for `key` in `map`, looking through `<<` merge keys (nearest wins, as YAML says). */
  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    return map ? pairOf(map, key, this) : undefined;
  }

  /** Value node for `key` in a map, merges and aliases resolved. */
  get(map: YAMLMap | undefined, key: string): Node | undefined {
    return this.resolve(this.pair(map, key)?.value);
  }

  /** Walks a path of keys from a map. */
  getIn(map: YAMLMap | undefined, path: string[]): Node | undefined {
    let cur: Node | undefined = map;
    for (const k of path) {
      if (!isMap(cur)) return undefined;
      cur = this.get(cur, k);
    }
    return cur;
  }

  scalar(map: YAMLMap | undefined, key: string): string | undefined {
    return scalarText(this.get(map, key));
  }

  service(name: string): ServiceModel | undefined {
    // a map, not a scan: project-wide rules look services up per service (quadratic on 1,000-service files)
    if (!this.serviceIndex) {
      this.serviceIndex = new Map();
      for (const s of this.services) if (!this.serviceIndex.has(s.name)) this.serviceIndex.set(s.name, s);
    }
    return this.serviceIndex.get(name);
  }
  private serviceIndex: Map<string, ServiceModel> | undefined;

  /** Range of a node or pair in this file (falls back to the start of the file). */
  rangeOf(node: unknown): Range {
    if (isPair(node)) {
      const k = node.key as Node | null;
      const v = node.value as Node | null;
      const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
      const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
      return this.lines.rangeOf(start, end);
    }
    const r = (node as Node | undefined)?.range;
    if (r) return this.lines.rangeOf(r[0], r[1]);
    return this.lines.rangeOf(0, 0);
  }

  /** True when the node was written in this file's text (not reached through an alias defined elsewhere). */
  owns(node: unknown): boolean {
    const r = (node as Node | undefined)?.range;
    return !!r && r[1] <= this.text.length;
  }

  /** Items of a sequence node, aliases resolved. */
  items(node: Node | undefined): Node[] {
    if (!isSeq(node)) return [];
    return node.items.map((i) => this.resolve(i)).filter((i): i is Node => i !== undefined);
  }
}

function pairOf(map: YAMLMap, key: string, file: ComposeFileModel): Pair | undefined {
  for (const m of file.mergeChain(map)) {
    for (const item of m.items) if (!isMergeKey(item.key) && scalarText(item.key) === key) return item as Pair;
  }
  return undefined;
}
