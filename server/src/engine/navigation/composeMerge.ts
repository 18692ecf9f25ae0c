/**
 * How the files of a compose project layer a service: which earlier value a key replaces (from an earlier
 * file or the service it `extends`), which later file replaces it, and the effective merged service. Feeds
 * the inlay hints and the service hover. Only values Compose replaces whole are compared: scalars, and
 * `command` / `entrypoint` (mappings and most lists are merged entry by entry, so "the previous value" would
 * mislead there).
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import { isMergeKey, scalarText, type ComposeFileModel, type ServiceModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { relative } from "../paths";
import type { Position } from "../text";

export interface MergeHint {
  position: Position;
  label: string;
  tooltip: string;
}

/** Sequences Compose replaces instead of merging. */
const REPLACED_LISTS = new Set(["command", "entrypoint"]);
const MAX_HINTS = 2_000;
const MAX_SHOWN = 40;

/** Hints in `file`: values an earlier file or `extends` set differently, and values a later file replaces. */
export function composeMergeHints(
  project: ComposeProject,
  file: ComposeFileModel,
  firstLine = 0,
  lastLine = Number.MAX_SAFE_INTEGER,
): MergeHint[] {
  const out: MergeHint[] = [];
  for (const svc of file.services) {
    if (out.length >= MAX_HINTS) break;
    if (!svc.node || svc.keyRange.start.line > lastLine) continue;
    const defs = project.definitions(svc.name);
    const at = defs.indexOf(svc);
    if (at < 0) continue;
    const ext = project.extendsOf(svc.name);
    for (const pair of svc.node.items) {
      if (isMergeKey(pair.key) || !file.owns(pair.key)) continue;
      const key = scalarText(pair.key);
      if (key === undefined || key === "extends") continue;
      const value = file.resolve(pair.value);
      if (!comparable(key, value)) continue;
      const position = endOfValueLine(file, pair as Pair);
      if (position.line < firstLine || position.line > lastLine) continue;
      const mine = shown(file, value);
      // an earlier layer: the last earlier file that sets the key, else the extended service
      let earlier: { text: string; where: string } | undefined;
      for (let i = at - 1; i >= 0 && !earlier; i--) {
        const d = defs[i] as ServiceModel;
        const p = d.file.pair(d.node, key);
        if (p) earlier = { text: shown(d.file, d.file.resolve(p.value)), where: relative(project.dir, d.file.path) };
      }
      if (!earlier && ext && ext !== svc.name) {
        const v = project.value(ext, key);
        if (v) earlier = { text: shown(v.file, v.value), where: `extends ${ext}` };
      }
      if (earlier && earlier.text !== mine) {
        out.push({
          position,
          label: `was ${clip(earlier.text)} (${earlier.where})`,
          tooltip: `\`${key}\` replaces \`${earlier.text}\` from ${earlier.where}.`,
        });
      }
      // a later file that wins
      for (let i = defs.length - 1; i > at; i--) {
        const d = defs[i] as ServiceModel;
        const p = d.file.pair(d.node, key);
        if (!p) continue;
        const later = shown(d.file, d.file.resolve(p.value));
        if (later !== mine) {
          const where = relative(project.dir, d.file.path);
          out.push({ position, label: `→ ${clip(later)} (${where})`, tooltip: `${where} replaces \`${key}\` with \`${later}\`.` });
        }
        break;
      }
    }
  }
  return out;
}

/** The effective service as a Markdown table: every key, its merged value, and the file it comes from. */
export function mergedServiceMarkdown(project: ComposeProject, name: string): string | undefined {
  const defs = project.definitions(name);
  if (defs.length === 0) return undefined;
  const keys: string[] = [];
  const chain: string[] = [];
  for (let n: string | undefined = name, hops = 0; n && hops < 8 && !chain.includes(n); n = project.extendsOf(n), hops++) {
    chain.push(n);
    for (const d of project.definitions(n))
      for (const p of d.node?.items ?? []) {
        const k = scalarText(p.key);
        if (k !== undefined && !isMergeKey(p.key) && k !== "extends" && !keys.includes(k)) keys.push(k);
      }
  }
  if (keys.length === 0) return undefined;
  const rows = ["| key | value | from |", "| --- | --- | --- |"];
  for (const k of keys.slice(0, 60)) {
    const v = project.value(name, k);
    if (!v) continue;
    const from = relative(project.dir, v.file.path) + (v.service.name !== name ? ` (extends ${v.service.name})` : "");
    rows.push(`| \`${k}\` | ${cell(clip(shown(v.file, v.value), 60))} | ${cell(from)} |`);
  }
  return `**Effective service \`${name}\`**\n\n${rows.join("\n")}`;
}

function comparable(key: string, value: Node | undefined): boolean {
  if (isScalar(value)) return true;
  return REPLACED_LISTS.has(key) && isSeq(value);
}

/** A value as one short line of YAML flow text. */
function shown(file: ComposeFileModel, value: Node | undefined): string {
  if (value === undefined || value === null) return "null";
  if (isScalar(value)) return scalarText(value) ?? "null";
  if (isSeq(value))
    return `[${file
      .items(value)
      .slice(0, 12)
      .map((i) => shown(file, i))
      .join(", ")}${value.items.length > 12 ? ", …" : ""}]`;
  if (isMap(value))
    return `{${value.items
      .slice(0, 8)
      .map((p) => `${scalarText(p.key) ?? "?"}: ${shown(file, file.resolve(p.value))}`)
      .join(", ")}${value.items.length > 8 ? ", …" : ""}}`;
  return "…";
}

function clip(text: string, max = MAX_SHOWN): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > max ? one.slice(0, max - 1) + "…" : one;
}

function cell(text: string): string {
  return "`" + text.replace(/\|/g, "\\|").replace(/`/g, "'") + "`";
}

/** After the value when it sits on the key's line, else after the key's colon. */
function endOfValueLine(file: ComposeFileModel, pair: Pair): Position {
  const key = file.rangeOf(pair.key);
  const value = pair.value as Node | null;
  const v = value?.range ? file.rangeOf(value) : undefined;
  if (v && v.start.line === key.start.line && v.end.line === key.start.line) return v.end;
  const line = file.lines.lineText(key.start.line);
  const hash = line.search(/\s#/);
  return { line: key.start.line, character: (hash >= 0 ? line.slice(0, hash) : line).trimEnd().length };
}
