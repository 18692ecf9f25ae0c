import { scalarText, type ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { join } from "../paths";
import { splitLines, type Position } from "../text";

export interface CompletionSuggestion {
  label: string;
  kind: "service" | "network" | "volume" | "secret" | "config" | "value" | "variable";
  detail?: string;
  insertText?: string;
}

/**
 * Where the cursor is, read from the text (the line being typed rarely parses): the keys of the enclosing
 * blocks, found by indentation, and whether the cursor is on a list item, a key or a value.
 */
export interface TextContext {
  /** Enclosing keys, outermost first (`["services", "api", "depends_on"]`). */
  parents: string[];
  /** `item`: after `- `; `key`: typing a key; `value`: after `key: `. */
  slot: "item" | "key" | "value";
  /** The key on the cursor's line, when `slot` is `value`. */
  key?: string;
  /** What is typed so far in the current word. */
  prefix: string;
}

const KEY_LINE = /^(\s*)(?:-\s+)?(["']?)([A-Za-z0-9_.-]+)\2\s*:(?:\s|$)/;

export function textContext(text: string, position: Position): TextContext | undefined {
  const lines = splitLines(text);
  const lineText = lines[position.line];
  if (lineText === undefined) return undefined;
  const before = lineText.slice(0, position.character);
  if (before.trimStart().startsWith("#")) return undefined;
  let slot: TextContext["slot"];
  let key: string | undefined;
  let prefix = "";
  let indent = before.length - before.trimStart().length;
  const item = /^(\s*)-\s+([^:]*)$/.exec(before);
  const value = /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+)\s*:\s+(.*)$/.exec(before) ?? /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+)\s*:()$/.exec(before);
  if (item) {
    slot = "item";
    prefix = (item[2] ?? "").replace(/^["']/, "");
  } else if (value) {
    slot = "value";
    key = value[2];
    prefix = (value[3] ?? "").replace(/^["']/, "");
  } else if (/^\s*[A-Za-z0-9_.-]*$/.test(before)) {
    slot = "key";
    prefix = before.trim();
  } else return undefined;
  if (item) indent = (item[1] ?? "").length;
  const parents: string[] = [];
  // a list item's parent key may sit at the same indentation as the dash
  let limit = slot === "item" ? indent + 1 : indent;
  for (let l = position.line - 1; l >= 0 && l > position.line - 5000 && limit > 0; l--) {
    const t = lines[l] as string;
    if (t.trim() === "" || t.trimStart().startsWith("#")) continue;
    const ind = t.length - t.trimStart().length;
    if (ind >= limit) continue;
    const m = KEY_LINE.exec(t);
    if (m) {
      parents.unshift(m[3] as string);
      limit = ind;
    } else if (/^\s*-\s/.test(t)) {
      limit = ind + 1;
    } else limit = ind;
  }
  return { parents, slot, key, prefix };
}

const CONDITIONS: [string, string][] = [
  ["service_healthy", "wait until its healthcheck passes"],
  ["service_started", "wait only until the container has started"],
  ["service_completed_successfully", "wait until it has run to completion with exit code 0 (init jobs)"],
];

/** Names defined in the project (services, networks, volumes, secrets, configs) and `condition:` values, where they fit. */
export function composeCompletions(file: ComposeFileModel, project: ComposeProject, position: Position): CompletionSuggestion[] {
  const lineText = file.lines.lineText(position.line).slice(0, position.character);
  // inside `${…}`: the variables the project's .env and .env.example define (names only: values may be secrets)
  if (/\$\{[A-Za-z0-9_]*$/.test(lineText) && !lineText.trimStart().startsWith("#")) return envVariables(project);
  const ctx = textContext(file.text, position);
  if (!ctx) return [];
  const [top, current, key, sub] = ctx.parents;
  const services = (exclude?: string): CompletionSuggestion[] =>
    project
      .serviceNames()
      .filter((n) => n !== exclude)
      .map((n) => ({ label: n, kind: "service", detail: project.image(n) ?? (project.value(n, "build") ? "built locally" : undefined) }));
  const named = (section: string, kind: CompletionSuggestion["kind"]): CompletionSuggestion[] =>
    [...project.topLevelNames(section)].map((n) => ({ label: n, kind }));

  if (ctx.slot === "value" && ctx.key === "condition" && key === "depends_on" && top === "services") {
    return CONDITIONS.map(([label, detail]) => ({ label, kind: "value", detail }));
  }
  if (top !== "services" || current === undefined) return [];
  // directly under a service key
  if (ctx.parents.length === 3 && key !== undefined) {
    switch (key) {
      case "depends_on":
        if (ctx.slot === "item" || ctx.slot === "key") {
          return services(current).map((s) => (ctx.slot === "key" ? { ...s, insertText: `${s.label}:\n  condition: service_healthy` } : s));
        }
        return [];
      case "networks":
        return ctx.slot === "item" || ctx.slot === "key" ? [...named("networks", "network"), { label: "default", kind: "network" }] : [];
      case "secrets":
        return ctx.slot === "item" || ctx.slot === "key" ? named("secrets", "secret") : [];
      case "configs":
        return ctx.slot === "item" || ctx.slot === "key" ? named("configs", "config") : [];
      case "volumes":
        return ctx.slot === "item" && !ctx.prefix.includes(":")
          ? named("volumes", "volume").map((v) => ({ ...v, insertText: `${v.label}:` }))
          : [];
      case "volumes_from":
        return ctx.slot === "item" ? services(current) : [];
      case "extends":
        return ctx.slot === "value" && ctx.key === "service" ? services(current) : [];
      case "profiles":
        return ctx.slot === "item" ? profiles(project) : [];
      default:
        return [];
    }
  }
  if (ctx.parents.length === 2 && ctx.slot === "value") {
    if (ctx.key === "extends") return services(current);
    if (ctx.key === "network_mode") {
      return [
        ...["bridge", "host", "none"].map((label): CompletionSuggestion => ({ label, kind: "value" })),
        ...services(current).map((s) => ({ ...s, label: `service:${s.label}` })),
      ];
    }
    if (ctx.key === "restart") return ["unless-stopped", "always", "on-failure", "no"].map((label) => ({ label, kind: "value" }));
  }
  if (ctx.parents.length === 4 && key === "depends_on" && ctx.slot === "key" && sub !== undefined) {
    return [
      { label: "condition", kind: "value", insertText: "condition: service_healthy" },
      { label: "restart", kind: "value" },
      { label: "required", kind: "value" },
    ];
  }
  return [];
}

/** Profiles some service of the project already uses. */
function profiles(project: ComposeProject): CompletionSuggestion[] {
  const names = new Set<string>();
  for (const f of [...project.included, ...project.files])
    for (const s of f.services)
      for (const p of f.items(f.get(s.node, "profiles"))) {
        const name = scalarText(p);
        if (name) names.add(name);
      }
  return [...names].sort().map((label) => ({ label, kind: "value", detail: "profile used in this project" }));
}

/** Names defined in the project folder's `.env` and `.env.example`. */
function envVariables(project: ComposeProject): CompletionSuggestion[] {
  const out = new Map<string, string>();
  for (const name of [".env", ".env.example"]) {
    const text = project.fs.readFile(join(project.dir, name));
    if (text === undefined) continue;
    for (const line of splitLines(text).slice(0, 5000)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      if (m && !out.has(m[1] as string)) out.set(m[1] as string, name);
    }
  }
  return [...out].map(([label, from]) => ({ label, kind: "variable", detail: `defined in ${from}` }));
}
