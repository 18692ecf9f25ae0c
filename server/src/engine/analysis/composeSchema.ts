/**
 * Validation of one compose file against the bundled Compose Specification schema
 * (`server/schemas/compose-spec.schema.json`, see its NOTICE.md).
 *
 * The YAML is converted to plain data by our own walk rather than `doc.toJS()`: it bounds the work (an alias
 * bomb yields one finding instead of a hang), drops `!reset` values and keeps, for every JSON pointer, the
 * node it came from so each ajv error lands on the exact key or value.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import { unresolvedAliases } from "./yamlAliases";
import { isMergeKey, scalarText, type ComposeFileModel } from "../model/compose";
import type { Range } from "../text";
import { createValidator, type AjvError, type ValidateFn } from "./composeSchemaValidator";

/** Values produced before the conversion gives up (alias bombs expand exponentially). */
const MAX_VALUES = 100_000;
const MAX_DEPTH = 64;

export interface SchemaProblem {
  messageId: "schema" | "unknownKey" | "missingKey" | "aliasLimit";
  message: string;
  range: Range;
}

interface Located {
  key?: Node;
  value?: Node;
}

let compiled: ValidateFn | undefined;
let descriptions: Map<string, string> | undefined;

/** Created on first use, once per process (never on the server's start-up path). */
function validator(): ValidateFn {
  compiled ??= createValidator();
  return compiled;
}

export function composeSchema(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../../schemas/compose-spec.schema.json") as Record<string, unknown>;
}

class Converter {
  count = 0;
  exceeded = false;

  /**
   * @param where where each JSON pointer came from; only when given are pointers built (a second pass, made only
   * when the file has schema errors: building a pointer string per value was a fifth of the rule's time)
   */
  constructor(
    readonly file: ComposeFileModel,
    readonly where?: Map<string, Located>,
  ) {}

  convert(node: unknown, path: string, depth: number, key?: Node): unknown {
    if (this.exceeded) return null;
    if (++this.count > MAX_VALUES || depth > MAX_DEPTH) {
      this.exceeded = true;
      return null;
    }
    const n: unknown = isAlias(node) ? this.file.resolve(node) : node;
    if (this.where && !this.where.has(path)) this.where.set(path, { key, value: (node as Node | null) ?? undefined });
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === "bigint") return Number(v);
      return v === undefined ? null : v;
    }
    if (isSeq(n)) return n.items.map((item, i) => this.convert(item, this.where ? `${path}/${i}` : path, depth + 1));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      this.mapInto(n, out, path, depth);
      return out;
    }
    return null;
  }

  /** Keys of a map with its `<<` merges (the map's own keys win, then earlier sources; each map read once). */
  private mapInto(map: YAMLMap, out: Record<string, unknown>, path: string, depth: number): void {
    for (const m of this.file.mergeChain(map)) {
      for (const item of m.items) {
        if (isMergeKey(item.key)) continue;
        const k = isScalar(item.key) ? scalarText(item.key) : undefined;
        if (k === undefined || k in out) continue;
        // `!reset` removes the value (an override file going back to the default)
        if ((item.value as { tag?: string } | null)?.tag === "!reset") continue;
        const child = this.where ? `${path}/${escapePointer(k)}` : path;
        out[k] = this.convert(item.value, child, depth + 1, item.key as Node);
        if (this.exceeded) return;
      }
    }
  }
}

function escapePointer(k: string): string {
  return k.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Validates a compose file; [] for files that do not parse (the syntax rule reports those). */
export function validateComposeSchema(file: ComposeFileModel): SchemaProblem[] {
  if (file.doc.errors.length > 0) return [];
  // an alias without an anchor is a YAML error (compose/yaml-syntax reports it); its value is unknown here
  if (unresolvedAliases(file).length > 0) return [];
  const contents = file.doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) return [];
  const conv = new Converter(file);
  const data = conv.convert(contents, "", 0);
  if (conv.exceeded) {
    return [
      {
        messageId: "aliasLimit",
        message: "The file expands to too many values (aliases nested too deeply); it was not validated.",
        range: file.lines.rangeOf(0, 0),
      },
    ];
  }
  const validate = validator();
  if (validate(data)) return [];
  const errors = simplify(validate.errors ?? []);
  // the same walk again, now noting where each value came from (deterministic: the same values and count)
  const where = new Map<string, Located>();
  new Converter(file, where).convert(contents, "", 0);
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = toProblem(e, where, file);
    const id = `${p.range.start.line}:${p.range.start.character}:${p.messageId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
    if (out.length >= 100) break;
  }
  return out;
}

/** The pointer an error is really about (the offending key for `additionalProperties`). */
function effectivePath(e: AjvError): string {
  if (e.keyword === "additionalProperties" && typeof e.params.additionalProperty === "string")
    return `${e.instancePath}/${escapePointer(e.params.additionalProperty)}`;
  return e.instancePath;
}

/**
 * ajv reports every failed branch of a `oneOf`; keep what a person can act on: when some branch got past the
 * type check (it has errors deeper down, or about required/extra keys), drop the other branches' type errors
 * and the `oneOf` summary; when every branch failed on type, keep one combined type error.
 */
export function simplify(errors: AjvError[]): AjvError[] {
  const structural = errors.filter((e) => !["type", "oneOf", "anyOf", "if", "const", "enum", "false schema"].includes(e.keyword));
  const deeperOrStructural = (path: string) =>
    structural.some((e) => effectivePath(e) === path || effectivePath(e).startsWith(path + "/")) ||
    errors.some((e) => ["type", "enum", "const"].includes(e.keyword) && e.instancePath.startsWith(path + "/"));
  const out: AjvError[] = [];
  const typesAt = new Map<string, Set<string>>();
  const enumsAt = new Map<string, AjvError>();
  for (const e of errors) {
    if (e.keyword === "if") continue;
    if (e.keyword === "oneOf" || e.keyword === "anyOf") {
      if (e.keyword === "oneOf" && e.params.passingSchemas) out.push(e); // matched more than one branch: rare, but real
      continue;
    }
    if (e.keyword === "type" || e.keyword === "enum" || e.keyword === "const") {
      if (deeperOrStructural(e.instancePath)) continue;
      if (e.keyword === "type") {
        const set = typesAt.get(e.instancePath) ?? new Set<string>();
        for (const t of String(e.params.type).split(",")) set.add(t);
        typesAt.set(e.instancePath, set);
      } else if (!enumsAt.has(e.instancePath)) enumsAt.set(e.instancePath, e);
      continue;
    }
    out.push(e);
  }
  for (const [path, types] of typesAt) {
    const enumErr = enumsAt.get(path);
    if (enumErr) enumsAt.delete(path);
    out.push({ instancePath: path, schemaPath: "", keyword: "type", params: { type: [...types].join(",") }, message: undefined });
  }
  out.push(...enumsAt.values());
  // required/additionalProperties from a branch whose type did not even match are noise when another branch matched deeper
  return out.sort((a, b) => a.instancePath.localeCompare(b.instancePath));
}

function toProblem(e: AjvError, where: Map<string, Located>, file: ComposeFileModel): SchemaProblem {
  const at = (path: string): Located | undefined => {
    let p = path;
    for (let i = 0; i < 64; i++) {
      const w = where.get(p);
      if (w) return w;
      const cut = p.lastIndexOf("/");
      if (cut < 0) return undefined;
      p = p.slice(0, cut);
    }
    return undefined;
  };
  const name = e.instancePath.split("/").filter(Boolean).map(unescapePointer).join(".") || "(top level)";
  const rangeOf = (n: Node | undefined) => (n && file.owns(n) ? file.rangeOf(n) : file.lines.rangeOf(0, 0));
  switch (e.keyword) {
    case "additionalProperties": {
      const prop = String(e.params.additionalProperty);
      const w = at(`${e.instancePath}/${escapePointer(prop)}`);
      return {
        messageId: "unknownKey",
        message: `\`${prop}\` is not allowed ${e.instancePath ? `in \`${name}\`` : "at the top level"}${hint(prop)}.`,
        range: rangeOf(w?.key ?? w?.value),
      };
    }
    case "required": {
      const w = at(e.instancePath);
      return {
        messageId: "missingKey",
        message: `\`${name}\` must have \`${String(e.params.missingProperty)}\`.`,
        range: rangeOf(w?.key ?? w?.value),
      };
    }
    case "type": {
      const w = at(e.instancePath);
      const types = String(e.params.type)
        .split(",")
        .map((t) => (t === "array" ? "a list" : t === "object" ? "a mapping" : t === "null" ? "empty" : `a ${t}`));
      return {
        messageId: "schema",
        message: `\`${name}\` must be ${[...new Set(types)].join(" or ")}.`,
        range: rangeOf(w?.value ?? w?.key),
      };
    }
    case "enum": {
      const w = at(e.instancePath);
      const allowed = (e.params.allowedValues as unknown[] | undefined)?.map((v) => `\`${String(v)}\``).join(", ");
      return {
        messageId: "schema",
        message: `\`${name}\` must be one of ${allowed ?? "the allowed values"}.`,
        range: rangeOf(w?.value ?? w?.key),
      };
    }
    default: {
      const w = at(e.instancePath);
      return { messageId: "schema", message: `\`${name}\` ${e.message ?? "is not valid"}.`, range: rangeOf(w?.value ?? w?.key) };
    }
  }
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

const COMMON_TYPOS: Record<string, string> = {
  depends_of: "depends_on",
  dependson: "depends_on",
  depend_on: "depends_on",
  enviroment: "environment",
  enviornment: "environment",
  envirnoment: "environment",
  env: "environment",
  port: "ports",
  volume: "volumes",
  network: "networks",
  restart_policy: "restart",
  health_check: "healthcheck",
  healthCheck: "healthcheck",
  container: "container_name",
  envfile: "env_file",
  env_files: "env_file",
  commands: "command",
  entry_point: "entrypoint",
};

function hint(prop: string): string {
  const s = COMMON_TYPOS[prop];
  return s ? ` (did you mean \`${s}\`?)` : "";
}

/** The schema's description of a key path like `services.*.healthcheck` (for hovers); undefined when unknown. */
export function schemaDescription(path: string[]): string | undefined {
  descriptions ??= collectDescriptions(composeSchema());
  const key = path
    .map((p, i) => (i === 1 && ["services", "networks", "volumes", "secrets", "configs", "models"].includes(path[0] ?? "") ? "*" : p))
    .join(".");
  return descriptions.get(key);
}

function collectDescriptions(schema: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const defs = (schema.definitions ?? {}) as Record<string, Record<string, unknown>>;
  const deref = (s: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
    for (let i = 0; s && typeof s.$ref === "string" && i < 8; i++) s = defs[(s.$ref as string).replace("#/definitions/", "")];
    return s;
  };
  const walk = (s: Record<string, unknown> | undefined, prefix: string, depth: number) => {
    s = deref(s);
    if (!s || depth > 4) return;
    const variants = [s, ...((s.oneOf as Record<string, unknown>[] | undefined) ?? []).map(deref)];
    for (const v of variants) {
      const props = (v?.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [k, child] of Object.entries(props)) {
        const path = prefix ? `${prefix}.${k}` : k;
        const d = (child.description as string | undefined) ?? (deref(child)?.description as string | undefined);
        if (d && !out.has(path)) out.set(path, d);
        walk(child, path, depth + 1);
      }
      const pattern = v?.patternProperties as Record<string, Record<string, unknown>> | undefined;
      if (pattern && prefix && !prefix.includes("*")) {
        for (const [re, child] of Object.entries(pattern)) if (!re.startsWith("^x-")) walk(child, `${prefix}.*`, depth + 1);
      }
    }
  };
  walk(schema, "", 0);
  return out;
}
