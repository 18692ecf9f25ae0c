/**
 * Compose's merge rules, on plain values (what `docker compose config` prints, before interpolation):
 * - mappings merge key by key, recursively; the later file wins for scalars;
 * - sequences are appended, except `command`, `entrypoint` and `healthcheck.test`, which are replaced;
 * - `ports`, `volumes`, `secrets` and `configs` keep one entry per unique key (a volume's target, a port's
 *   ip/target/published/protocol): a later entry with the same key replaces the earlier one;
 * - `environment`, `labels`, `annotations`, `sysctls`, `extra_hosts`, `build.args`, `depends_on` and `networks` may be
 *   written as lists or mappings; they merge as mappings;
 * - `!reset` removes the value, `!override` replaces it without merging.
 * Every walk is bounded (depth and node count), so a hostile file cannot make it loop or explode.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import { isMergeKey } from "./compose";

/** `!reset`: the key is removed from the merged result. */
export const RESET: unique symbol = Symbol("!reset");
/** `!override <value>`: the value replaces what came before instead of merging with it. */
export class Override {
  constructor(readonly value: Plain) {}
}

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain } | typeof RESET | Override;
export type PlainMap = { [key: string]: Plain };

const MAX_DEPTH = 64;
const MAX_NODES = 100_000;

/**
 * A YAML node as a plain value, keeping `!reset` and `!override`. Aliases are followed through `resolve` (the
 * compose model's budgeted resolver) and count against the same node budget as everything else.
 */
export function toPlain(node: unknown, resolve: (n: unknown) => unknown = (n) => n, budget = { nodes: MAX_NODES }): Plain {
  const walk = (raw: unknown, depth: number): Plain => {
    if (--budget.nodes < 0 || depth > MAX_DEPTH) return null;
    const n = isAlias(raw) ? resolve(raw) : raw;
    if (n === null || n === undefined) return null;
    const tag = (n as { tag?: string }).tag;
    if (tag === "!reset") return RESET;
    let value: Plain;
    if (isMap(n)) {
      const out: PlainMap = {};
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key)
          ? String(item.key.value)
          : isAlias(item.key)
            ? String((resolve(item.key) as { value?: unknown })?.value)
            : undefined;
        if (k === undefined) continue;
        if (isMergeKey(item.key)) {
          // merge keys: the mapping's own keys win over the merged ones
          const src = walk(item.value, depth + 1);
          const list = Array.isArray(src) ? src : [src];
          for (const m of list) if (isPlainMap(m)) for (const [mk, mv] of Object.entries(m)) if (!(mk in out)) out[mk] = mv;
          continue;
        }
        out[k] = walk(item.value, depth + 1);
      }
      value = out;
    } else if (isSeq(n)) {
      value = n.items.map((i) => walk(i, depth + 1));
    } else if (isScalar(n)) {
      const v = n.value;
      value = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
    } else value = null;
    return tag === "!override" ? new Override(value) : value;
  };
  return walk(node, 0);
}

export function isPlainMap(v: unknown): v is PlainMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Override);
}

/** Keys written as `KEY=value` lists or as mappings; merged as mappings. */
const LIST_OR_MAP_EQ = new Set(["environment", "labels", "annotations", "sysctls", "args"]);
const LIST_OR_MAP_COLON = new Set(["extra_hosts"]);
/** Keys written as a list of names or as a mapping name -> settings. */
const NAMES_OR_MAP = new Set(["depends_on", "networks", "links_map"]);
/** Keys whose value is replaced, never appended. */
const REPLACED = new Set(["command", "entrypoint", "test"]);
/** Sequences with a unique key per entry. */
const UNIQUE: Record<string, (entry: Plain) => string | undefined> = {
  volumes: volumeTarget,
  secrets: fileTarget("/run/secrets/"),
  configs: fileTarget("/"),
  ports: portKey,
};

function volumeTarget(entry: Plain): string | undefined {
  if (isPlainMap(entry)) return typeof entry.target === "string" ? entry.target : undefined;
  if (typeof entry !== "string") return undefined;
  // source:target[:mode] or a lone target; Windows drive letters are not handled specially here
  const parts = entry.split(":");
  return parts.length === 1 ? parts[0] : parts[1];
}

function fileTarget(prefix: string): (entry: Plain) => string | undefined {
  return (entry) => {
    if (typeof entry === "string") return prefix === "/" ? `/${entry}` : `${prefix}${entry}`;
    if (!isPlainMap(entry)) return undefined;
    const target = entry.target;
    if (typeof target === "string") return target.startsWith("/") ? target : `${prefix}${target}`;
    return typeof entry.source === "string" ? (prefix === "/" ? `/${entry.source}` : `${prefix}${entry.source}`) : undefined;
  };
}

function portKey(entry: Plain): string | undefined {
  if (isPlainMap(entry)) {
    return [entry.host_ip ?? "", entry.target ?? "", entry.published ?? "", entry.protocol ?? "tcp"].map(String).join("|");
  }
  if (typeof entry !== "string" && typeof entry !== "number") return undefined;
  const s = String(entry);
  const [main, proto = "tcp"] = s.split("/");
  const parts = (main as string).split(":");
  const target = parts.pop() ?? "";
  const published = parts.pop() ?? "";
  const ip = parts.join(":");
  return [ip, target, published, proto].join("|");
}

/** `KEY=value` / `KEY` list items (or `host:ip` for extra_hosts) as a mapping; mappings are returned as they are. */
function listToMap(v: Plain, sep: "=" | ":"): Plain {
  if (!Array.isArray(v)) return v;
  const out: PlainMap = {};
  for (const item of v) {
    if (typeof item !== "string" && typeof item !== "number") continue;
    const s = String(item);
    const i = sep === "=" ? s.indexOf("=") : s.search(/[:=]/);
    if (i < 0) out[s] = null;
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

function namesToMap(key: string, v: Plain): Plain {
  if (!Array.isArray(v)) return v;
  const out: PlainMap = {};
  for (const item of v) {
    if (typeof item !== "string") continue;
    out[item] = key === "depends_on" ? { condition: "service_started" } : null;
  }
  return out;
}

function normalize(key: string, v: Plain): Plain {
  if (LIST_OR_MAP_EQ.has(key)) return listToMap(v, "=");
  if (LIST_OR_MAP_COLON.has(key)) return listToMap(v, ":");
  if (NAMES_OR_MAP.has(key)) return namesToMap(key, v);
  return v;
}

/** Removes `!reset` values and `!override` wrappers left in a value that had nothing to merge with. */
export function clean(v: Plain, depth = 0): Plain | undefined {
  if (v === RESET) return undefined;
  if (v instanceof Override) return clean(v.value, depth);
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1)).filter((x): x is Plain => x !== undefined);
  if (isPlainMap(v)) {
    const out: PlainMap = {};
    for (const [k, x] of Object.entries(v)) {
      const c = clean(x, depth + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

/** Merges `over` onto `base` under `key` (the attribute's name decides list handling). */
export function mergeValue(key: string, base: Plain | undefined, over: Plain, depth = 0): Plain | undefined {
  if (over === RESET) return undefined;
  if (over instanceof Override) return clean(normalize(key, over.value), depth);
  if (base === undefined || base === RESET) return clean(normalize(key, over), depth);
  if (depth > MAX_DEPTH) return clean(over, depth);
  const b = normalize(key, base);
  const o = normalize(key, over);
  if (isPlainMap(b) && isPlainMap(o)) return mergeMaps(b, o, depth + 1);
  if (Array.isArray(b) && Array.isArray(o) && !REPLACED.has(key)) {
    const unique = UNIQUE[key];
    const out = [...b];
    for (const raw of o) {
      const item = clean(raw, depth + 1);
      if (item === undefined) continue;
      const k = unique?.(item);
      const at = k === undefined ? -1 : out.findIndex((x) => unique?.(x) === k);
      if (at >= 0) out[at] = item;
      else out.push(item);
    }
    return out;
  }
  return clean(o, depth);
}

export function mergeMaps(base: PlainMap, over: PlainMap, depth = 0): PlainMap {
  const out: PlainMap = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const merged = mergeValue(k, out[k], v, depth + 1);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}
