/**
 * Just enough TOML to read a `pyproject.toml` or `uv.lock`: tables, array-of-tables headers, and
 * `key = value` where the value is a string, number, boolean, inline table or (multi-line) array.
 * Values are kept as raw text; the helpers below pull strings out of them.
 */

export interface TomlTable {
  /** Header as written without brackets (`project`, `tool.poetry.dependencies`); "" for the root. */
  name: string;
  /** Raw value text by key (keys unquoted). */
  values: Map<string, string>;
}

/** Bound on lines read, so a huge lock file cannot stall the generator. */
const MAX_LINES = 200_000;

export function parseToml(text: string): TomlTable[] {
  const tables: TomlTable[] = [{ name: "", values: new Map() }];
  let current = tables[0] as TomlTable;
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i] as string).trim();
    if (line === "") continue;
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      current = { name: (header[1] as string).replace(/"/g, ""), values: new Map() };
      tables.push(current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().replace(/^"|"$/g, "");
    let value = line.slice(eq + 1).trim();
    // multi-line arrays and inline tables: read until the brackets balance
    let depth = bracketDepth(value);
    while (depth > 0 && i + 1 < lines.length) {
      i++;
      const next = stripComment(lines[i] as string).trim();
      value += " " + next;
      depth = bracketDepth(value);
    }
    if (value.startsWith('"""') || value.startsWith("'''")) {
      const quote = value.slice(0, 3);
      while (!value.slice(3).includes(quote) && i + 1 < lines.length) {
        i++;
        value += "\n" + (lines[i] as string);
      }
    }
    current.values.set(key, value);
  }
  return tables;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

function bracketDepth(s: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  return depth;
}

export function tomlTable(tables: TomlTable[], name: string): TomlTable | undefined {
  return tables.find((t) => t.name === name);
}

/** A string value (`"x"` or `'x'`); undefined for other types. */
export function tomlString(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(raw.trim());
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}

/** Every string inside an array or inline table value. */
export function tomlStrings(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] as string));
  return out;
}
