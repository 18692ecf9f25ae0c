/**
 * Migration from hadolint and dclint: their config files translated into a Shipshape config through the rules'
 * `equivalents`. Used when a project has no `.shipshape.json` yet (the CLI and the server read the translation
 * and say so once) and by `shipshape init config --from hadolint|dclint`, which writes it down.
 *
 * A translation never turns a check off more broadly than the original did: a Shipshape rule that covers several
 * peer checks goes off only when every one of them was ignored; otherwise a note says why it stays on.
 */
import { parse } from "yaml";
import { readFailureThreshold, type FailureThreshold, type RuleSetting, type ShipshapeConfig } from "./config";
import { dirname, join } from "./paths";
import type { AnyRule } from "./rule";
import { allRules } from "./rules";
import type { SeverityOrOff } from "./types";

export type PeerTool = "hadolint" | "dclint";

/** Where hadolint looks in a project (its user-level config files are not the project's and are not read). */
export const HADOLINT_CONFIG_NAMES = [".hadolint.yaml", ".hadolint.yml"];
/** dclint's data config files (JavaScript configs would have to be run, so they are not read). */
export const DCLINT_CONFIG_NAMES = [".dclintrc", ".dclintrc.json", ".dclintrc.yaml", ".dclintrc.yml"];
export const PEER_CONFIG_NAMES = [...HADOLINT_CONFIG_NAMES, ...DCLINT_CONFIG_NAMES];

export interface Translation {
  config: ShipshapeConfig;
  /** What was not carried over, or carried over with a caveat; one sentence each. */
  notes: string[];
}

export interface Migration extends Translation {
  /** The peer config files read (absolute paths). */
  sources: string[];
}

/** How far up the folder tree a lookup goes at most. */
const MAX_HOPS = 64;

/** Rules that list a peer id among their equivalents: `DL3008`, `hadolint:DL3008`, `no-version-field`, `dclint:…`. */
export function rulesForPeerId(id: string, rules: readonly AnyRule[] = allRules): AnyRule[] {
  const qualified = id.includes(":") ? [id] : [`hadolint:${id}`, `dclint:${id}`];
  return rules.filter((r) => r.meta.equivalents.some((e) => qualified.includes(e)));
}

/** Shipshape rule ids for what a user typed: a rule id, or a peer id it covers. Empty when nothing matches. */
export function resolveRuleIds(id: string, rules: readonly AnyRule[] = allRules): string[] {
  if (rules.some((r) => r.meta.id === id)) return [id];
  return rulesForPeerId(id, rules).map((r) => r.meta.id);
}

function peerIdsOf(rule: AnyRule, tool: PeerTool): string[] {
  return rule.meta.equivalents.filter((e) => e.startsWith(`${tool}:`)).map((e) => e.slice(tool.length + 1));
}

function readYaml(text: string): { value: unknown; problem?: string } {
  try {
    // a config file has no business with aliases; a small cap keeps an alias bomb from expanding
    return { value: parse(text.replace(/^\uFEFF/, ""), { maxAliasCount: 50, prettyErrors: false }) as unknown };
  } catch (e) {
    return { value: undefined, problem: (e as Error).message.split("\n")[0] };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

const SEVERITY_RANK: Record<SeverityOrOff, number> = { error: 4, warning: 3, info: 2, hint: 1, off: 0 };
const HADOLINT_LEVELS: Record<string, SeverityOrOff> = { error: "error", warning: "warning", info: "info", style: "hint" };
const HADOLINT_KEYS_NOT_CARRIED = ["format", "no-color", "verbose", "disable-ignore-pragma"];

/** `.hadolint.yaml`: ignored, override, trustedRegistries, label-schema, strict-labels, failure-threshold, no-fail. */
export function translateHadolint(text: string, rules: readonly AnyRule[] = allRules): Translation {
  const notes: string[] = [];
  const { value, problem } = readYaml(text);
  if (problem !== undefined) return { config: {}, notes: [`hadolint config is not valid YAML (${problem}); nothing translated.`] };
  if (value === null || value === undefined) return { config: {}, notes: [] };
  if (!isObject(value)) return { config: {}, notes: ["hadolint config is not a mapping; nothing translated."] };

  const out: Record<string, RuleSetting> = {};
  const unknown = new Set<string>();

  // override: the severity each peer code asks for; per Shipshape rule the most severe one wins
  const wanted = new Map<string, { severity: SeverityOrOff; codes: string[] }>();
  if (value.override !== undefined && !isObject(value.override)) notes.push("hadolint `override` is not a mapping; ignored.");
  for (const [level, codes] of Object.entries(isObject(value.override) ? value.override : {})) {
    const severity = HADOLINT_LEVELS[level];
    if (!severity) {
      notes.push(`hadolint override level \`${level}\` is unknown; ignored.`);
      continue;
    }
    for (const code of stringList(codes)) {
      const matched = rulesForPeerId(`hadolint:${code}`, rules);
      if (matched.length === 0) unknown.add(code);
      for (const rule of matched) {
        const prev = wanted.get(rule.meta.id);
        if (!prev) wanted.set(rule.meta.id, { severity, codes: [code] });
        else {
          prev.codes.push(code);
          if (prev.severity !== severity)
            notes.push(`${rule.meta.id} covers ${prev.codes.join(" and ")}, overridden to different levels; the more severe one is used.`);
          if (SEVERITY_RANK[severity] > SEVERITY_RANK[prev.severity]) prev.severity = severity;
        }
      }
    }
  }
  for (const [id, w] of wanted) out[id] = w.severity;

  // ignored: a rule goes off only when every hadolint check it covers is ignored
  const ignored = new Set(stringList(value.ignored));
  const touched = new Set<string>();
  for (const code of ignored) {
    const matched = rulesForPeerId(`hadolint:${code}`, rules);
    if (matched.length === 0) unknown.add(code);
    for (const rule of matched) touched.add(rule.meta.id);
  }
  for (const rule of rules) {
    if (!touched.has(rule.meta.id)) continue;
    const codes = peerIdsOf(rule, "hadolint");
    const kept = codes.filter((c) => !ignored.has(c));
    if (kept.length === 0) out[rule.meta.id] = "off";
    else
      notes.push(
        `${codes.filter((c) => ignored.has(c)).join(", ")} ignored, but ${rule.meta.id} also covers ${kept.join(", ")}, so it stays on (turn it off yourself if you mean to).`,
      );
  }
  if (unknown.size)
    notes.push(
      `No Shipshape rule covers ${[...unknown].sort().join(", ")}; nothing to carry over for ${unknown.size === 1 ? "it" : "them"}.`,
    );

  // trustedRegistries -> the allowed-registries rule's list
  const registries = stringList(value.trustedRegistries);
  if (registries.length) setOptions(out, "dockerfile/allowed-registries", { allowedRegistries: registries }, rules);

  // label-schema -> required labels and their formats
  if (value["label-schema"] !== undefined) {
    const schema = isObject(value["label-schema"]) ? value["label-schema"] : {};
    const labels = Object.keys(schema);
    if (labels.length) {
      const strict = value["strict-labels"] === true;
      setOptions(out, "dockerfile/required-labels", { labels, strict }, rules, "info");
      const formats: Record<string, string> = {};
      for (const [label, type] of Object.entries(schema)) if (typeof type === "string") formats[label] = type;
      setOptions(out, "dockerfile/label-value-format", { schema: formats }, rules);
    }
  } else if (value["strict-labels"] === true)
    notes.push("hadolint `strict-labels` without a `label-schema` does nothing; not carried over.");

  let failureThreshold: FailureThreshold | undefined;
  if (value["failure-threshold"] !== undefined) {
    failureThreshold = readFailureThreshold(value["failure-threshold"]);
    if (!failureThreshold) notes.push(`hadolint failure-threshold \`${String(value["failure-threshold"])}\` is unknown; ignored.`);
  }
  if (value["no-fail"] === true) failureThreshold = "none";

  for (const key of HADOLINT_KEYS_NOT_CARRIED)
    if (value[key] !== undefined) notes.push(`hadolint \`${key}\` has no Shipshape config equivalent; not carried over.`);

  const config: ShipshapeConfig = { rules: out };
  if (failureThreshold) config.failureThreshold = failureThreshold;
  return { config, notes };
}

/** A rule's options (keeping a severity set earlier), and a severity when it is off by default. */
function setOptions(
  out: Record<string, RuleSetting>,
  id: string,
  options: Record<string, unknown>,
  rules: readonly AnyRule[],
  enableAs?: SeverityOrOff,
): void {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) return;
  const prev = out[id];
  const prevSeverity = typeof prev === "string" ? prev : prev?.severity;
  const severity = prevSeverity ?? (rule.meta.defaultSeverity === "off" ? enableAs : undefined);
  out[id] = severity ? { severity, options } : { options };
}

const DCLINT_LEVELS: Record<number, SeverityOrOff> = { 0: "off", 1: "warning", 2: "error" };

/** dclint's config (JSON or YAML): `rules` with levels 0/1/2, alone or as `[level, options]`. */
export function translateDclint(text: string, rules: readonly AnyRule[] = allRules): Translation {
  const notes: string[] = [];
  const { value, problem } = readYaml(text);
  if (problem !== undefined)
    return {
      config: {},
      notes: [`dclint config is neither JSON nor YAML (${problem}); JavaScript configs are not run; nothing translated.`],
    };
  if (value === null || value === undefined) return { config: {}, notes: [] };
  if (!isObject(value)) return { config: {}, notes: ["dclint config is not an object; nothing translated."] };
  const out: Record<string, RuleSetting> = {};
  const unknown: string[] = [];
  for (const [name, setting] of Object.entries(isObject(value.rules) ? value.rules : {})) {
    const level = Array.isArray(setting) ? (setting[0] as unknown) : setting;
    const severity = typeof level === "number" ? DCLINT_LEVELS[level] : undefined;
    if (!severity) {
      notes.push(`dclint rule ${name}: level ${JSON.stringify(level)} is not 0, 1 or 2; ignored.`);
      continue;
    }
    const matched = rulesForPeerId(`dclint:${name}`, rules);
    if (matched.length === 0) unknown.push(name);
    for (const rule of matched) out[rule.meta.id] = severity;
    if (Array.isArray(setting) && isObject(setting[1]) && Object.keys(setting[1]).length && matched.length)
      notes.push(`dclint rule ${name}: its options are not translated; see the options of ${matched.map((r) => r.meta.id).join(", ")}.`);
  }
  if (unknown.length) notes.push(`No Shipshape rule covers dclint ${unknown.sort().join(", ")}; nothing to carry over.`);
  for (const key of ["exclude", "quiet", "debug"])
    if (value[key] !== undefined && !(Array.isArray(value[key]) && value[key].length === 0) && value[key] !== false)
      notes.push(`dclint \`${key}\` has no Shipshape config equivalent; not carried over.`);
  return { config: { rules: out }, notes };
}

export function translatePeerConfig(tool: PeerTool, text: string, rules: readonly AnyRule[] = allRules): Translation {
  return tool === "hadolint" ? translateHadolint(text, rules) : translateDclint(text, rules);
}

/** The nearest config file of a tool from `startDir` up to `stopDir` (or the filesystem root). */
export function findPeerConfig(
  tool: PeerTool,
  startDir: string,
  readFile: (path: string) => string | undefined,
  stopDir?: string,
): { path: string; text: string } | undefined {
  const names = tool === "hadolint" ? HADOLINT_CONFIG_NAMES : DCLINT_CONFIG_NAMES;
  for (let dir = startDir, hops = 0; hops < MAX_HOPS; dir = dirname(dir), hops++) {
    for (const name of names) {
      const path = join(dir, name);
      const text = readFile(path);
      if (text !== undefined) return { path, text };
    }
    if (dir === stopDir || dir === dirname(dir)) break;
  }
  return undefined;
}

/**
 * What a project without `.shipshape.json` gets from its hadolint and dclint configs: each tool's nearest file,
 * translated and merged (hadolint speaks for Dockerfile rules, dclint for compose rules). Undefined when neither
 * exists.
 */
export function migrateFromPeers(
  startDir: string,
  readFile: (path: string) => string | undefined,
  stopDir?: string,
  rules: readonly AnyRule[] = allRules,
): Migration | undefined {
  const sources: string[] = [];
  const notes: string[] = [];
  const config: ShipshapeConfig = { rules: {} };
  for (const tool of ["hadolint", "dclint"] as const) {
    const found = findPeerConfig(tool, startDir, readFile, stopDir);
    if (!found) continue;
    const t = translatePeerConfig(tool, found.text, rules);
    sources.push(found.path);
    notes.push(...t.notes);
    Object.assign(config.rules as Record<string, RuleSetting>, t.config.rules ?? {});
    if (t.config.failureThreshold) config.failureThreshold = t.config.failureThreshold;
  }
  return sources.length ? { config, notes, sources } : undefined;
}
