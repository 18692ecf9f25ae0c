/**
 * Readers over one compose service (ports, environment, depends_on, volumes, commands) and small YAML
 * editing helpers for fixes. Every reader works on the file's own nodes, so ranges point at the text.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { isMergeKey, scalarText, type ComposeFileModel, type ServiceModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { objectMemo } from "../memo";
import type { Range, TextEdit } from "../text";

/** A node written with `!reset`: Compose drops the value inherited from earlier files. */
export function isReset(node: unknown): boolean {
  return (node as { tag?: string } | null)?.tag === "!reset";
}

/** The range of a scalar's text without its quotes. */
export function innerRange(file: ComposeFileModel, node: Scalar): Range {
  const r = node.range;
  if (!r) return file.rangeOf(node);
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  return file.lines.rangeOf(r[0] + (quoted ? 1 : 0), r[1] - (quoted ? 1 : 0));
}

export function isQuoted(node: Scalar): boolean {
  return node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
}

/** Pairs of a map written in this file, merge keys looked through (nearest wins). */
export function mapPairs(file: ComposeFileModel, map: YAMLMap | undefined): Pair[] {
  if (!map) return [];
  const seen = new Set<string>();
  const out: Pair[] = [];
  for (const m of file.mergeChain(map)) {
    for (const item of m.items) {
      const k = scalarText(item.key);
      if (k === undefined || isMergeKey(item.key) || seen.has(k)) continue;
      seen.add(k);
      out.push(item as Pair);
    }
  }
  return out;
}

// ---------------------------------------------------------------- ports

export interface PortMapping {
  /** The entry node (scalar or map). */
  node: Node;
  range: Range;
  hostIp?: string;
  /** Published port or range (`8080`, `8000-8010`); undefined when only the container port is given. */
  hostPort?: string;
  containerPort: string;
  protocol: string;
  /** Long syntax (`target:`/`published:` map). */
  long: boolean;
  /** Short syntax written without quotes. */
  unquoted: boolean;
}

/** Splits the short syntax `[HOST_IP:][HOST:]CONTAINER[/PROTOCOL]`, IPv6 hosts in brackets. */
export function parsePortString(text: string): Omit<PortMapping, "node" | "range" | "long" | "unquoted"> | undefined {
  let s = text.trim();
  if (s === "") return undefined;
  let protocol = "tcp";
  const slash = s.lastIndexOf("/");
  if (slash >= 0) {
    protocol = s.slice(slash + 1).toLowerCase();
    s = s.slice(0, slash);
  }
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(s);
  if (v6) {
    hostIp = v6[1];
    s = v6[2] as string;
  }
  // variables such as ${PORT:-8000} contain a colon: split outside ${…}
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "{") depth++;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  if (parts.length === 1) return { hostIp, containerPort: parts[0] as string, protocol };
  if (parts.length === 2) return { hostIp, hostPort: parts[0] || undefined, containerPort: parts[1] as string, protocol };
  if (parts.length === 3 && hostIp === undefined)
    return { hostIp: parts[0], hostPort: parts[1] || undefined, containerPort: parts[2] as string, protocol };
  return undefined;
}

/**
 * A service's published ports. Kept on the service model (a file model never changes): several rules read every
 * service's ports, and each read built every range again. Shared, so read-only.
 */
export function servicePorts(file: ComposeFileModel, svc: ServiceModel): readonly PortMapping[] {
  if (svc.file !== file) return readServicePorts(file, svc);
  let ports = portsMemo.get(svc);
  if (!ports) portsMemo.set(svc, (ports = readServicePorts(file, svc)));
  return ports;
}

const portsMemo = objectMemo<ServiceModel, readonly PortMapping[]>("servicePorts");

function readServicePorts(file: ComposeFileModel, svc: ServiceModel): PortMapping[] {
  const out: PortMapping[] = [];
  for (const item of file.items(file.get(svc.node, "ports"))) {
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text === undefined) continue;
      const p = parsePortString(text);
      if (!p) continue;
      out.push({ ...p, node: item, range: file.rangeOf(item), long: false, unquoted: !isQuoted(item) });
    } else if (isMap(item)) {
      const target = file.scalar(item, "target");
      if (target === undefined) continue;
      out.push({
        node: item,
        range: file.rangeOf(item),
        hostIp: file.scalar(item, "host_ip"),
        hostPort: file.scalar(item, "published"),
        containerPort: target,
        protocol: file.scalar(item, "protocol") ?? "tcp",
        long: true,
        unquoted: false,
      });
    }
  }
  return out;
}

/** Expands `8000-8002` into its ports (bounded); variables yield []. */
export function portNumbers(spec: string | undefined): number[] {
  if (spec === undefined || /\$/.test(spec)) return [];
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return [];
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  const out: number[] = [];
  for (let p = a; p <= b && out.length < 1000; p++) out.push(p);
  return out;
}

// ---------------------------------------------------------------- environment

export interface EnvEntry {
  name: string;
  value: string | undefined;
  nameRange: Range;
  /** Range of the value text (inside quotes). */
  valueRange: Range | undefined;
  /** The whole entry: the pair (map form) or the list item. */
  range: Range;
  form: "map" | "list";
  node: Node | Pair;
  /** Written in this file (not reached through an alias or merge from elsewhere). */
  owned: boolean;
}

/** A service's environment entries, kept on the service model as servicePorts' answer is (shared, so read-only). */
export function serviceEnvironment(file: ComposeFileModel, svc: ServiceModel): readonly EnvEntry[] {
  if (svc.file !== file) return environmentOf(file, file.get(svc.node, "environment"));
  let env = environmentMemo.get(svc);
  if (!env) environmentMemo.set(svc, (env = environmentOf(file, file.get(svc.node, "environment"))));
  return env;
}

const environmentMemo = objectMemo<ServiceModel, readonly EnvEntry[]>("serviceEnvironment");

export function environmentOf(file: ComposeFileModel, env: Node | undefined): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (isMap(env)) {
    for (const pair of mapPairs(file, env)) {
      const name = scalarText(pair.key);
      if (name === undefined) continue;
      const v = file.resolve(pair.value);
      const value = isScalar(v) ? scalarText(v) : undefined;
      out.push({
        name,
        value,
        nameRange: file.rangeOf(pair.key),
        valueRange: isScalar(v) && value !== undefined ? innerRange(file, v) : undefined,
        range: file.rangeOf(pair),
        form: "map",
        node: pair,
        owned: file.owns(pair.key),
      });
    }
  } else if (isSeq(env)) {
    for (const item of file.items(env)) {
      if (!isScalar(item)) continue;
      const text = scalarText(item);
      if (text === undefined) continue;
      const inner = innerRange(file, item);
      const start = file.lines.offsetAt(inner.start);
      const eq = text.indexOf("=");
      const name = eq >= 0 ? text.slice(0, eq) : text;
      out.push({
        name: name.trim(),
        value: eq >= 0 ? text.slice(eq + 1) : undefined,
        nameRange: file.lines.rangeOf(start, start + name.length),
        valueRange: eq >= 0 ? file.lines.rangeOf(start + eq + 1, file.lines.offsetAt(inner.end)) : undefined,
        range: file.rangeOf(item),
        form: "list",
        node: item,
        owned: file.owns(item),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- depends_on

export interface DependsOnEntry {
  name: string;
  nameRange: Range;
  form: "list" | "map";
  condition?: string;
  conditionRange?: Range;
  /** The list item scalar, or the pair in the long form. */
  node: Node | Pair;
  required: boolean;
}

export function dependsOn(file: ComposeFileModel, svc: ServiceModel): DependsOnEntry[] {
  const d = file.get(svc.node, "depends_on");
  const out: DependsOnEntry[] = [];
  if (isSeq(d)) {
    for (const item of file.items(d)) {
      const name = scalarText(item);
      if (name !== undefined) out.push({ name, nameRange: file.rangeOf(item), form: "list", node: item, required: true });
    }
  } else if (isMap(d)) {
    for (const pair of mapPairs(file, d)) {
      const name = scalarText(pair.key);
      if (name === undefined) continue;
      const v = file.resolve(pair.value);
      const cond = isMap(v) ? file.get(v, "condition") : undefined;
      out.push({
        name,
        nameRange: file.rangeOf(pair.key),
        form: "map",
        condition: scalarText(cond),
        conditionRange: cond ? file.rangeOf(cond) : undefined,
        node: pair,
        required: isMap(v) ? file.scalar(v, "required") !== "false" : true,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- commands, volumes

/** `command`/`entrypoint`/healthcheck `test` as one string (lists joined by spaces; `CMD`/`CMD-SHELL` dropped). */
export function commandText(file: ComposeFileModel, node: Node | undefined): string | undefined {
  if (isScalar(node)) return scalarText(node);
  if (isSeq(node)) {
    const parts = file.items(node).map((i) => scalarText(i) ?? "");
    if (parts[0] === "CMD" || parts[0] === "CMD-SHELL") parts.shift();
    return parts.join(" ");
  }
  return undefined;
}

/** The scalars of a command (one for the string form, one per item for the list form). */
export function commandScalars(file: ComposeFileModel, node: Node | undefined): Scalar[] {
  if (isScalar(node)) return [node];
  return file.items(node).filter((i): i is Scalar => isScalar(i));
}

export interface VolumeMount {
  node: Node;
  range: Range;
  type: "bind" | "volume" | "tmpfs" | "other";
  source?: string;
  target?: string;
  readOnly: boolean;
}

export function serviceVolumes(file: ComposeFileModel, svc: ServiceModel): VolumeMount[] {
  const out: VolumeMount[] = [];
  for (const item of file.items(file.get(svc.node, "volumes"))) {
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text === undefined) continue;
      const parts = text.split(":");
      if (parts.length === 1) {
        out.push({ node: item, range: file.rangeOf(item), type: "volume", target: parts[0], readOnly: false });
        continue;
      }
      // a Windows drive letter (C:\…) belongs to the source
      if (/^[A-Za-z]$/.test(parts[0] as string) && parts.length > 2) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
      const source = parts[0] as string;
      const mode = parts[2] ?? "";
      const bind = /^[./~$]|^[A-Za-z]:/.test(source);
      out.push({
        node: item,
        range: file.rangeOf(item),
        type: bind ? "bind" : "volume",
        source,
        target: parts[1],
        readOnly: /(^|,)ro(,|$)/.test(mode),
      });
    } else if (isMap(item)) {
      const t = file.scalar(item, "type");
      out.push({
        node: item,
        range: file.rangeOf(item),
        type: t === "bind" || t === "volume" || t === "tmpfs" ? t : "other",
        source: file.scalar(item, "source"),
        target: file.scalar(item, "target"),
        readOnly: file.scalar(item, "read_only") === "true",
      });
    }
  }
  return out;
}

/** Names listed under a service key that holds names or `{source:}` maps (`secrets`, `configs`) or names/a map (`networks`). */
export function referencedNames(file: ComposeFileModel, node: Node | undefined): { name: string; range: Range }[] {
  const out: { name: string; range: Range }[] = [];
  if (isSeq(node)) {
    for (const item of file.items(node)) {
      if (isScalar(item)) {
        const n = scalarText(item);
        if (n !== undefined) out.push({ name: n, range: file.rangeOf(item) });
      } else if (isMap(item)) {
        const src = file.get(item, "source");
        const n = scalarText(src);
        if (n !== undefined) out.push({ name: n, range: file.rangeOf(src) });
      }
    }
  } else if (isMap(node)) {
    for (const pair of mapPairs(file, node)) {
      const n = scalarText(pair.key);
      if (n !== undefined) out.push({ name: n, range: file.rangeOf(pair.key) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- editing

/** Leading spaces of a line. */
export function indentAt(file: ComposeFileModel, line: number): number {
  const t = file.lines.lineText(line);
  return t.length - t.trimStart().length;
}

/** Indentation used for the keys inside a service (its first key's column, or the service key's + 2). */
export function childIndent(file: ComposeFileModel, map: YAMLMap | undefined, parentKey: Node): number {
  const first = map?.items.find((i) => isScalar(i.key) && (i.key as Node).range);
  if (first && !map?.flow) return file.rangeOf(first.key).start.character;
  return file.rangeOf(parentKey).start.character + 2;
}

/** Offset right after the last line of a block map (before the following key), or undefined for flow maps. */
export function blockEnd(file: ComposeFileModel, map: YAMLMap | undefined): number | undefined {
  if (!map || map.flow || !map.range) return undefined;
  const end = map.range[1];
  // range[1] ends the value; step to the end of that line, past the line break
  const endPos = file.lines.positionAt(Math.max(map.range[0], end - 1));
  const line = endPos.line;
  if (line + 1 >= file.lines.lineCount) return file.text.length;
  return file.lines.lineStart(line + 1);
}

/** An edit that appends `lines` (already indented, without line breaks) at the end of a block map. */
export function appendToMap(file: ComposeFileModel, map: YAMLMap | undefined, lines: string[]): TextEdit | undefined {
  const at = blockEnd(file, map);
  if (at === undefined) return undefined;
  const eol = file.lines.eol;
  const needsBreak = at === file.text.length && !/\r?\n$/.test(file.text);
  const pos = file.lines.positionAt(at);
  return { range: { start: pos, end: pos }, newText: (needsBreak ? eol : "") + lines.map((l) => l + eol).join("") };
}

/** An edit deleting whole lines `from`..`to` (inclusive). */
export function deleteLines(file: ComposeFileModel, from: number, to: number): TextEdit {
  const start = { line: from, character: 0 };
  const end = to + 1 < file.lines.lineCount ? { line: to + 1, character: 0 } : { line: to, character: file.lines.lineText(to).length };
  return { range: { start, end }, newText: "" };
}

/** The lines a pair occupies (key line to the last line of its value). */
export function pairLines(file: ComposeFileModel, pair: Pair): { from: number; to: number } {
  const r = file.rangeOf(pair);
  const to = r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
  return { from: r.start.line, to };
}

/** A value written as a YAML scalar: quoted when plain text would be read differently. */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z0-9_./${}-][A-Za-z0-9_./${}:@ -]*$/.test(value) && !/: |\s$|^(true|false|yes|no|on|off|null|~)$/i.test(value)) return value;
  return JSON.stringify(value);
}

/** A flow list of strings: `["CMD", "redis-cli", "ping"]`. */
export function flowList(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;
}

/** Pair nodes are children of maps; the key node carries the range. */
export function pairKeyRange(file: ComposeFileModel, pair: Pair | undefined): Range | undefined {
  return pair && isPair(pair) ? file.rangeOf(pair.key) : undefined;
}

// ---------------------------------------------------------------- project-level facts

/** Services that run once and exit (migrations, init jobs): others wait for them with `service_completed_successfully`. */
export function isOneShotService(project: ComposeProject, name: string): boolean {
  if (/(^|[-_])(init|migrate|migrations?|setup|seed|bootstrap|createbuckets|tests?)([-_]|$)/i.test(name)) return true;
  return completedDependencies(project).has(name);
}

/** Services some other service waits for with `service_completed_successfully` (computed once per project). */
function completedDependencies(project: ComposeProject): Set<string> {
  let names = completedCache.get(project);
  if (!names) {
    names = new Set();
    for (const other of project.serviceNames()) {
      for (const def of project.definitions(other)) {
        for (const d of dependsOn(def.file, def)) if (d.condition === "service_completed_successfully") names.add(d.name);
      }
    }
    completedCache.set(project, names);
  }
  return names;
}
const completedCache = new WeakMap<ComposeProject, Set<string>>();

/** Merged `profiles` of a service (empty when it always starts). */
export function serviceProfiles(project: ComposeProject, name: string): string[] {
  const v = project.value(name, "profiles");
  if (!v) return [];
  return v.file
    .items(v.value)
    .map((i) => scalarText(i) ?? "")
    .filter(Boolean);
}

export interface DependentEdge {
  /** The service that depends. */
  service: string;
  condition?: string;
}

const dependentIndexes = new WeakMap<ComposeProject, Map<string, DependentEdge[]>>();

/** Who depends on each service, across every file of the project (computed once per project). */
export function dependentsOf(project: ComposeProject, name: string): DependentEdge[] {
  let index = dependentIndexes.get(project);
  if (!index) {
    index = new Map();
    for (const f of [...project.included, ...project.files]) {
      for (const s of f.services) {
        for (const d of dependsOn(f, s)) {
          const list = index.get(d.name) ?? [];
          list.push({ service: s.name, condition: d.condition });
          index.set(d.name, list);
        }
      }
    }
    dependentIndexes.set(project, index);
  }
  return index.get(name) ?? [];
}

/**
 * An edit that reorders a block sequence whose items each sit on one line of their own (no comments between),
 * or undefined when the list is not that simple.
 */
export function sortBlockSeqEdit(file: ComposeFileModel, seq: Node | undefined, keyOf: (item: Node) => string): TextEdit | undefined {
  if (!isSeq(seq) || seq.flow || seq.items.length < 2) return undefined;
  const rows: { line: number; key: string }[] = [];
  for (const item of seq.items) {
    const r = file.rangeOf(item);
    if (!isScalar(item) || r.start.line !== r.end.line) return undefined;
    rows.push({ line: r.start.line, key: keyOf(item as Node) });
  }
  const first = (rows[0] as { line: number }).line;
  const last = (rows[rows.length - 1] as { line: number }).line;
  if (last - first + 1 !== rows.length) return undefined; // comments or blank lines in between
  const texts = rows.map((r) => file.lines.lineText(r.line));
  const order = rows
    .map((r, i) => ({ ...r, text: texts[i] as string }))
    .sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true }));
  const eol = file.lines.eol;
  return {
    range: { start: { line: first, character: 0 }, end: { line: last, character: file.lines.lineText(last).length } },
    newText: order.map((o) => o.text).join(eol),
  };
}
