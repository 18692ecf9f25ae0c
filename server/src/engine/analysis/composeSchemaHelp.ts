import { locate } from "../hovers/compose";
import type { ComposeFileModel } from "../model/compose";
import type { Position, Range } from "../text";

/**
 * Help from the compose-spec schema itself (its descriptions and property names), for where yaml-language-server
 * does not run: the web worker of VS Code for the Web. The same schema the validator uses; read lazily, so a
 * process that never asks does not load it. Every walk is bounded (nesting depth, `$ref` hops, branches).
 */

interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

type Root = SchemaNode & { definitions?: Record<string, SchemaNode> };

let root: Root | undefined;
function schema(): Root {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  root ??= require("../../../schemas/compose-spec.schema.json") as Root;
  return root;
}

const MAX_REFS = 16;

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let hops = 0; n?.$ref && hops < MAX_REFS; hops++) {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    n = m ? schema().definitions?.[m[1] as string] : undefined;
  }
  return n?.$ref ? undefined : n;
}

/** The schema nodes (one per matching branch of oneOf/anyOf/allOf) that describe `node`'s child `key`. */
function childSchemas(node: SchemaNode | undefined, key: string | number, budget: { left: number }): SchemaNode[] {
  const n = deref(node);
  if (!n || --budget.left < 0) return [];
  const out: SchemaNode[] = [];
  // locate() names a sequence item by its index as a string
  if (typeof key === "number" || (n.items && /^\d+$/.test(key))) {
    if (n.items) out.push(n.items);
  } else if (n.properties && Object.hasOwn(n.properties, key)) {
    out.push(n.properties[key] as SchemaNode);
  } else {
    for (const [pattern, sub] of Object.entries(n.patternProperties ?? {})) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(pattern, "u");
      } catch {
        re = undefined;
      }
      if (re?.test(key)) {
        out.push(sub);
        break;
      }
    }
    if (out.length === 0 && typeof n.additionalProperties === "object") out.push(n.additionalProperties);
  }
  for (const branch of [...(n.oneOf ?? []), ...(n.anyOf ?? []), ...(n.allOf ?? [])]) out.push(...childSchemas(branch, key, budget));
  return out;
}

/** The schema nodes for a path from the root, with the description found last on the way to each. */
function schemasFor(path: (string | number)[]): SchemaNode[] {
  let current: SchemaNode[] = [schema()];
  for (const key of path) {
    const budget = { left: 200 };
    current = current.flatMap((n) => childSchemas(n, key, budget)).slice(0, 16);
    if (current.length === 0) break;
  }
  return current;
}

function descriptionOf(nodes: SchemaNode[]): string | undefined {
  for (const n of nodes) {
    const d = n.description ?? deref(n)?.description;
    if (d) return d;
  }
  return undefined;
}

/** The schema's description of the key under the cursor, with the key's range; undefined off a key. */
export function composeSchemaHover(model: ComposeFileModel, at: Position): { markdown: string; range: Range } | undefined {
  const loc = locate(model, model.lines.offsetAt(at));
  const keyRange = loc?.isKey ? loc.node.range : undefined;
  if (!loc || !keyRange) return undefined;
  const { path } = loc;
  const description = descriptionOf(schemasFor(path));
  if (!description) return undefined;
  const name = path[path.length - 1];
  return {
    markdown: `**${String(name)}** (compose specification): ${description}`,
    range: { start: model.lines.positionAt(keyRange[0]), end: model.lines.positionAt(keyRange[1]) },
  };
}

/** The property names the schema allows in the map at `mapPath` (pattern-only maps such as `services` have none). */
export function composeSchemaKeys(mapPath: (string | number)[]): { name: string; description?: string }[] {
  const out = new Map<string, string | undefined>();
  const visit = (n: SchemaNode | undefined, depth: number) => {
    const d = deref(n);
    if (!d || depth > 8) return;
    for (const [name, sub] of Object.entries(d.properties ?? {}))
      if (!out.has(name)) out.set(name, sub.description ?? deref(sub)?.description);
    for (const branch of [...(d.oneOf ?? []), ...(d.anyOf ?? []), ...(d.allOf ?? [])]) visit(branch, depth + 1);
  };
  for (const n of schemasFor(mapPath)) visit(n, 0);
  return [...out].map(([name, description]) => (description ? { name, description } : { name }));
}
