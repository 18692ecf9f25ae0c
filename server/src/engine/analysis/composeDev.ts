/**
 * Development-only settings in a compose service (source bind mounts, reloaders, debuggers, dev Dockerfiles,
 * helper tools) and the edit that moves them into an override file.
 */
import { isMap, isSeq, type Node, type Pair } from "yaml";
import { childIndent, commandScalars, deleteLines, environmentOf, mapPairs, pairLines, serviceVolumes } from "./compose";
import { composeImageInfo } from "../knowledge/composeImages";
import { isDevDockerfilePath, isDevStageName } from "../model/dockerfile";
import { scalarText, type ComposeFileModel, type ServiceModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { basename, join } from "../paths";
import { LineIndex, type Range, type TextEdit } from "../text";
import type { FileChange, Fix } from "../types";

export type DevSettingKind = "sourceMount" | "reload" | "debugger" | "devDockerfile" | "devTarget" | "debugEnv";

export interface DevSetting {
  kind: DevSettingKind;
  range: Range;
  /** What to move: a key of the service, or one item of a list key. */
  pair: Pair;
  item?: Node;
  /** A key inside the pair's map (`build.dockerfile`, `build.target`) that moves on its own. */
  subPair?: Pair;
  detail: string;
}

const SOURCE_DIRS = /^(\.|\.\/|\.\.|\.\.\/|(\.\/)?(src|app|code|backend|frontend|api|lib|pipelines?|dags|notebooks|web|server|client)\/?)$/;
const RELOAD =
  /(--reload\b|--watch\b|\bnodemon\b|\bdagster\s+dev\b|\bflask\s+run\b.*--debug|\bmanage\.py\s+runserver\b|\bnpm\s+run\s+(dev|watch)\b|\bvite\b(?!\s+build)|\bstreamlit\s+run\b.*--server\.runOnSave|\bwatchmedo\b)/;
const DEBUGGER = /(\bdebugpy\b|\bpydevd\b|--inspect(-brk)?\b|\bdlv\b|\bptvsd\b|-agentlib:jdwp)/;

export function devSettings(file: ComposeFileModel, svc: ServiceModel): DevSetting[] {
  const out: DevSetting[] = [];
  if (!svc.node) return out;
  const volumesPair = file.pair(svc.node, "volumes");
  if (volumesPair) {
    for (const v of serviceVolumes(file, svc)) {
      if (v.type !== "bind" || !v.source || !SOURCE_DIRS.test(v.source)) continue;
      out.push({ kind: "sourceMount", range: v.range, pair: volumesPair, item: v.node, detail: `${v.source} → ${v.target ?? ""}` });
    }
  }
  for (const key of ["command", "entrypoint"]) {
    const pair = file.pair(svc.node, key);
    if (!pair) continue;
    const scalars = commandScalars(file, file.resolve(pair.value));
    const text = scalars.map((s) => String(s.value ?? "")).join(" ");
    const reload = RELOAD.exec(text);
    const debug = DEBUGGER.exec(text);
    if (reload || debug) {
      const hit = scalars.find((s) => (reload ? RELOAD : DEBUGGER).test(String(s.value ?? ""))) ?? scalars[0];
      out.push({
        kind: reload ? "reload" : "debugger",
        range: hit ? file.rangeOf(hit) : file.rangeOf(pair.key),
        pair,
        detail: (reload ?? debug)?.[0] ?? key,
      });
    }
  }
  const buildPair = file.pair(svc.node, "build");
  const build = buildPair ? file.resolve(buildPair.value) : undefined;
  if (isMap(build)) {
    const df = file.pair(build, "dockerfile");
    const dfText = df ? scalarText(file.resolve(df.value)) : undefined;
    if (df && dfText && isDevDockerfilePath(dfText)) {
      out.push({ kind: "devDockerfile", range: file.rangeOf(df.value), pair: buildPair as Pair, subPair: df, detail: dfText });
    }
    const target = file.pair(build, "target");
    const targetText = target ? scalarText(file.resolve(target.value)) : undefined;
    if (target && targetText && isDevStageName(targetText)) {
      out.push({ kind: "devTarget", range: file.rangeOf(target.value), pair: buildPair as Pair, subPair: target, detail: targetText });
    }
  }
  const envPair = file.pair(svc.node, "environment");
  if (envPair) {
    for (const e of environmentOf(file, file.resolve(envPair.value))) {
      const v = (e.value ?? "").trim().toLowerCase();
      const debugEnv =
        (/^(DEBUG|FLASK_DEBUG|DJANGO_DEBUG|APP_DEBUG)$/i.test(e.name) && /^(1|true|yes|on)$/.test(v)) ||
        (/^(FLASK_ENV|NODE_ENV|APP_ENV|ENVIRONMENT|ENV|DJANGO_ENV)$/i.test(e.name) && /^(dev|development|debug)$/.test(v));
      if (debugEnv)
        out.push({
          kind: "debugEnv",
          range: e.range,
          pair: envPair,
          item: e.form === "list" ? (e.node as Node) : undefined,
          detail: `${e.name}=${e.value ?? ""}`,
        });
    }
  }
  return out;
}

/** A development helper (pgAdmin, Mailhog, Adminer …): the whole service belongs in an override. */
export function isHelperService(project: ComposeProject, name: string): boolean {
  const info = composeImageInfo(project.image(name));
  return info?.role === "helper";
}

/** The file dev settings move to: an existing override / dev file of the project, else a new `compose.override.yml`. */
export function devOverrideTarget(project: ComposeProject, from: ComposeFileModel): { path: string; model?: ComposeFileModel } {
  const existing =
    project.files.find((f) => f !== from && project.role(f) === "override") ??
    project.files.find((f) => f !== from && project.isDevFile(f));
  if (existing) return { path: existing.path, model: existing };
  const base = basename(from.path);
  const ext = base.endsWith(".yaml") ? "yaml" : "yml";
  return { path: join(project.dir, base.startsWith("docker-") ? `docker-compose.override.${ext}` : `compose.override.${ext}`) };
}

function dedent(lines: string[], by: number): string[] {
  return lines.map((l) => (l.slice(0, by).trim() === "" ? l.slice(by) : l.trimStart()));
}

function linesOf(file: ComposeFileModel, from: number, to: number): string[] {
  const out: string[] = [];
  for (let l = from; l <= to; l++) out.push(file.lines.lineText(l));
  return out;
}

/**
 * Moves dev settings of `svc` (or the whole service when `whole`) from `file` into the override file, as one
 * fix: deletions in `file` plus the additions in the override (created when missing).
 */
export function moveToOverrideFix(
  project: ComposeProject,
  file: ComposeFileModel,
  svc: ServiceModel,
  settings: DevSetting[],
  whole: boolean,
): Fix | undefined {
  if (!svc.node || svc.node.flow) return undefined;
  const target = devOverrideTarget(project, file);
  const step = "  ";
  const edits: TextEdit[] = [];
  const block: string[] = []; // lines relative to the service's child indentation (0)
  const services = file.topLevelValue("services");
  const svcPair = isMap(services) ? services.items.find((p) => scalarText(p.key) === svc.name) : undefined;
  if (whole) {
    if (!svcPair) return undefined;
    const { from, to } = pairLines(file, svcPair);
    edits.push(deleteLines(file, from, to));
    block.push(...dedent(linesOf(file, from + 1, to), childIndent(file, svc.node, svc.key)));
  } else {
    const byPair = new Map<Pair, DevSetting[]>();
    for (const s of settings) byPair.set(s.pair, [...(byPair.get(s.pair) ?? []), s]);
    for (const [pair, items] of byPair) {
      if (!file.owns(pair.key)) return undefined;
      const keyCol = file.rangeOf(pair.key).start.character;
      const value = file.resolve(pair.value);
      const listItems = items.filter((i) => i.item).map((i) => i.item as Node);
      const key = scalarText(pair.key) as string;
      const subPairs = items.filter((i) => i.subPair).map((i) => i.subPair as Pair);
      if (subPairs.length > 0 && isMap(value) && !value.flow && subPairs.length < value.items.length) {
        block.push(`${key}:`);
        for (const sp of subPairs) {
          const { from, to } = pairLines(file, sp);
          edits.push(deleteLines(file, from, to));
          block.push(...dedent(linesOf(file, from, to), file.rangeOf(sp.key).start.character).map((l) => step + l));
        }
      } else if (listItems.length > 0 && isSeq(value) && !value.flow && listItems.length < value.items.length) {
        block.push(`${key}:`);
        for (const item of listItems) {
          const r = file.rangeOf(item);
          const to = r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
          edits.push(deleteLines(file, r.start.line, to));
          const dash = file.lines.lineText(r.start.line).lastIndexOf("-", r.start.character);
          block.push(...dedent(linesOf(file, r.start.line, to), Math.max(0, dash)).map((l) => step + l));
        }
      } else if (listItems.length > 0 && isMap(value)) {
        return undefined; // map-form environment: move the whole key below
      } else {
        const { from, to } = pairLines(file, pair);
        edits.push(deleteLines(file, from, to));
        block.push(...dedent(linesOf(file, from, to), keyCol));
      }
    }
  }
  const eol = file.lines.eol;
  const change = overrideChange(target, svc.name, block, eol);
  if (!change) return undefined;
  const rel = basename(target.path);
  return {
    title: whole ? `Move service \`${svc.name}\` to ${rel}` : `Move the development settings of \`${svc.name}\` to ${rel}`,
    safe: false,
    edits,
    changes: [change],
  };
}

function overrideChange(
  target: { path: string; model?: ComposeFileModel },
  service: string,
  block: string[],
  eol: string,
): FileChange | undefined {
  const m = target.model;
  if (!m) {
    return { path: target.path, create: ["services:", `  ${service}:`, ...block.map((l) => `    ${l}`)].join("\n") + "\n" };
  }
  const idx = new LineIndex(m.text);
  const services = m.topLevelValue("services");
  const existing = m.service(service);
  const append = (at: number, lines: string[]) => {
    const p = idx.positionAt(at);
    const lead = at === m.text.length && m.text !== "" && !m.text.endsWith("\n") ? eol : "";
    return { path: m.path, edits: [{ range: { start: p, end: p }, newText: lead + lines.map((l) => l + eol).join("") }] };
  };
  const endOf = (node: { range?: [number, number, number] | null }) => {
    const end = node.range?.[1] ?? m.text.length;
    const line = idx.positionAt(Math.max(0, end - 1)).line;
    return line + 1 < idx.lineCount ? idx.lineStart(line + 1) : m.text.length;
  };
  if (existing?.node && !existing.node.flow) {
    const keys = new Set(mapPairs(m, existing.node).map((p) => scalarText(p.key)));
    if (block.some((l) => /^[A-Za-z_]/.test(l) && keys.has(l.replace(/:.*$/, "")))) return undefined;
    const indent = existing.node.items[0] ? m.rangeOf(existing.node.items[0].key).start.character : existing.keyRange.start.character + 2;
    return append(
      endOf(existing.node),
      block.map((l) => " ".repeat(indent) + l),
    );
  }
  if (existing) return undefined;
  if (isMap(services) && !services.flow) {
    const col = services.items[0] ? m.rangeOf(services.items[0].key).start.character : 2;
    return append(endOf(services), [" ".repeat(col) + `${service}:`, ...block.map((l) => " ".repeat(col + 2) + l)]);
  }
  if (services === undefined) return append(m.text.length, ["services:", `  ${service}:`, ...block.map((l) => `    ${l}`)]);
  return undefined;
}
