/**
 * "Sort service keys": reorders the keys inside each service by a configurable order (dclint's grouping by
 * default). Each key moves with its whole value and the comment lines right above it; nothing else changes,
 * and the result must parse to the same services with the same values, or no edit is made.
 */
import { isMap, isScalar, parseAllDocuments, type Pair, type YAMLMap } from "yaml";
import { isMergeKey, MAX_YAML_DEPTH, nestingTooDeep, scalarText } from "../model/compose";
import { LineIndex, type TextEdit } from "../text";

/**
 * dclint's documented default: core definitions, dependencies, data and configuration, environment,
 * networking, runtime behaviour, operational metadata, security context; other keys follow in their order.
 */
export const DEFAULT_SERVICE_KEY_ORDER: readonly string[] = [
  "image",
  "build",
  "container_name",
  "depends_on",
  "volumes",
  "volumes_from",
  "configs",
  "secrets",
  "environment",
  "env_file",
  "ports",
  "networks",
  "network_mode",
  "extra_hosts",
  "command",
  "entrypoint",
  "working_dir",
  "restart",
  "healthcheck",
  "logging",
  "labels",
  "user",
  "isolation",
];

const MAX_SORT_CHARS = 1_000_000;

interface Block {
  key: string;
  /** Original position among the service's keys (stable order for keys the order does not list). */
  index: number;
  /** First and last line of the key, its value and its leading comments. */
  first: number;
  last: number;
}

/** One edit per service whose keys are out of order; [] when none is, or when the file cannot be sorted safely. */
export function sortServiceKeys(text: string, order: readonly string[] = DEFAULT_SERVICE_KEY_ORDER, only?: string): TextEdit[] {
  if (text.length > MAX_SORT_CHARS || nestingTooDeep(text, MAX_YAML_DEPTH) !== undefined) return [];
  const docs = parseAllDocuments(text, { merge: false, uniqueKeys: false, prettyErrors: false });
  const doc = Array.isArray(docs) && docs.length === 1 ? docs[0] : undefined;
  if (!doc || doc.errors.length) return [];
  const lines = new LineIndex(text);
  const rank = (key: string) => {
    if (key === "<<") return -1;
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  const root = doc.contents;
  const services = isMap(root) ? root.items.find((p) => scalarText(p.key) === "services")?.value : undefined;
  if (!isMap(services)) return [];
  const edits: TextEdit[] = [];
  for (const svc of services.items) {
    const name = scalarText(svc.key);
    if (name === undefined || (only !== undefined && name !== only) || !isMap(svc.value) || svc.value.flow) continue;
    const blocks = blocksOf(svc.value, lines);
    if (!blocks || blocks.length < 2) continue;
    const sorted = [...blocks].sort((a, b) => rank(a.key) - rank(b.key) || a.index - b.index);
    if (sorted.every((b, i) => b === blocks[i])) continue;
    const first = (blocks[0] as Block).first;
    const last = (blocks[blocks.length - 1] as Block).last;
    // the lines between blocks (blank lines, detached comments) stay where they were
    const gaps: string[][] = [];
    for (let i = 0; i + 1 < blocks.length; i++)
      gaps.push(linesOf(lines, (blocks[i] as Block).last + 1, (blocks[i + 1] as Block).first - 1));
    const out: string[] = [];
    sorted.forEach((b, i) => {
      out.push(...linesOf(lines, b.first, b.last));
      if (i < gaps.length) out.push(...(gaps[i] as string[]));
    });
    edits.push({
      range: { start: { line: first, character: 0 }, end: { line: last, character: lines.lineText(last).length } },
      newText: out.join(lines.eol),
    });
  }
  if (!edits.length) return [];
  return sameServices(text, edits, lines) ? edits : [];
}

/** Each key's lines; undefined when two keys share a line or a value is not on its own lines. */
function blocksOf(map: YAMLMap, lines: LineIndex): Block[] | undefined {
  const blocks: Block[] = [];
  let previousEnd = -1;
  for (let index = 0; index < map.items.length; index++) {
    const pair = map.items[index] as Pair;
    const keyNode = pair.key as { range?: [number, number, number] } | null;
    if (!keyNode?.range || !(isScalar(pair.key) || isMergeKey(pair.key))) return undefined;
    const keyLine = lines.positionAt(keyNode.range[0]).line;
    if (keyLine <= previousEnd) return undefined;
    // key must start its line
    if (lines.lineText(keyLine).slice(0, lines.positionAt(keyNode.range[0]).character).trim() !== "") return undefined;
    const value = pair.value as { range?: [number, number, number] } | null;
    const endOffset = lastNonSpace(lines.text, value?.range ? value.range[1] : keyNode.range[1]);
    const last = Math.max(keyLine, lines.positionAt(endOffset).line);
    // comment lines right above the key travel with it
    let first = keyLine;
    while (first - 1 > previousEnd && /^\s*#/.test(lines.lineText(first - 1))) first--;
    blocks.push({ key: scalarText(pair.key) ?? "<<", index, first, last });
    previousEnd = last;
  }
  return blocks;
}

function lastNonSpace(text: string, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > 0 && /\s/.test(text[i] as string)) i--;
  return Math.max(0, i);
}

function linesOf(lines: LineIndex, first: number, last: number): string[] {
  const out: string[] = [];
  for (let l = first; l <= last; l++) out.push(lines.lineText(l));
  return out;
}

/** The sorted text parses, with every service holding the same keys and values as before. */
function sameServices(text: string, edits: TextEdit[], lines: LineIndex): boolean {
  let out = "";
  let cursor = 0;
  for (const e of edits) {
    const s = lines.offsetAt(e.range.start);
    out += text.slice(cursor, s) + e.newText;
    cursor = lines.offsetAt(e.range.end);
  }
  out += text.slice(cursor);
  const canon = (t: string): string | undefined => {
    const docs = parseAllDocuments(t, { merge: false, uniqueKeys: false, prettyErrors: false });
    if (!Array.isArray(docs) || docs.length !== 1 || docs[0]?.errors.length) return undefined;
    const root = docs[0]?.contents;
    if (!isMap(root)) return undefined;
    const parts: string[] = [];
    for (const top of root.items) {
      const k = scalarText(top.key) ?? "";
      if (k === "services" && isMap(top.value)) {
        for (const svc of top.value.items) {
          const body = isMap(svc.value)
            ? svc.value.items.map((p) => `${String(scalarText(p.key) ?? "<<")}=${String(p.value)}`).sort()
            : [String(svc.value)];
          parts.push(`${scalarText(svc.key) ?? ""}{${body.join(";")}}`);
        }
      } else parts.push(`${k}=${String(top.value)}`);
    }
    return parts.join("\n");
  };
  const a = canon(text);
  return a !== undefined && a === canon(out);
}
