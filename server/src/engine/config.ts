import type { AnyRule } from "./rule";
import { SEVERITIES, type RuleOption, type Severity, type SeverityOrOff } from "./types";

/** One rule's setting: a severity, or a severity with options. Same shape in VS Code settings and `.shipshape.json`. */
export type RuleSetting = SeverityOrOff | { severity?: SeverityOrOff; options?: Record<string, unknown> };

/** The lowest severity that makes the CLI exit 1; `none` never fails. */
export type FailureThreshold = Severity | "none";
export const FAILURE_THRESHOLDS: readonly FailureThreshold[] = ["error", "warning", "info", "hint", "none"];

/** hadolint's names for the same thresholds, accepted so its settings keep working. */
const THRESHOLD_ALIASES: Record<string, FailureThreshold> = { style: "hint", ignore: "none" };

export function readFailureThreshold(v: unknown): FailureThreshold | undefined {
  if (typeof v !== "string") return undefined;
  if ((FAILURE_THRESHOLDS as readonly string[]).includes(v)) return v as FailureThreshold;
  return THRESHOLD_ALIASES[v];
}

export interface ShipshapeConfig {
  /** Rule id -> setting. */
  rules?: Record<string, RuleSetting>;
  /** CLI only: the lowest severity that fails `shipshape lint` (default `error`). */
  failureThreshold?: FailureThreshold;
  /**
   * Base images the knowledge table does not know (or knows differently): reference without tag (every tag) or
   * with a tag -> facts (`user`, `shell`, `curl`, `wget`, `packageManager`, `libc`, `runtime`, `env`).
   */
  images?: Record<string, unknown>;
}

export const CONFIG_FILE_NAMES = [".shipshape.json", "shipshape.config.json"];

export interface ResolvedRuleSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

export function isSeverity(v: unknown): v is SeverityOrOff {
  return typeof v === "string" && (SEVERITIES as readonly string[]).includes(v);
}

/** The effective severity and options for a rule. Options of the wrong type (see `optionProblems`) keep their default. */
export function resolveRuleSetting(rule: AnyRule, config: ShipshapeConfig | undefined): ResolvedRuleSetting {
  const declared = rule.meta.options ?? {};
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(declared)) options[k] = v.default;
  const setting = config?.rules?.[rule.meta.id];
  if (setting === undefined) return { severity: rule.meta.defaultSeverity, options };
  if (typeof setting === "string") return { severity: isSeverity(setting) ? setting : rule.meta.defaultSeverity, options };
  for (const [k, v] of Object.entries(setting.options ?? {})) {
    const option = declared[k];
    if (option && optionTypeProblem(option, v) === undefined) options[k] = v;
  }
  return { severity: isSeverity(setting.severity) ? setting.severity : rule.meta.defaultSeverity, options };
}

/** What is wrong with a value for an option, or undefined when it has the declared type. */
export function optionTypeProblem(option: RuleOption, value: unknown): string | undefined {
  switch (option.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected true or false";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "expected a number";
    case "string":
      return typeof value === "string" ? undefined : "expected a string";
    case "string[]":
      return Array.isArray(value) && value.every((x) => typeof x === "string") ? undefined : 'expected a list of strings, e.g. ["a", "b"]';
    case "record":
      return typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((x) => typeof x === "string")
        ? undefined
        : 'expected an object of strings, e.g. { "key": "value" }';
  }
}

/**
 * Configuration errors a config file or the settings hold for known rules: unknown options and options of the
 * wrong type (`"allowedTags": "latest"`). Such an option is ignored (its default applies), never passed to the rule.
 */
export function optionProblems(config: ShipshapeConfig, rules: readonly AnyRule[]): string[] {
  const problems: string[] = [];
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule || typeof setting !== "object" || !setting.options) continue;
    const declared = rule.meta.options ?? {};
    for (const [k, v] of Object.entries(setting.options)) {
      const option = declared[k];
      if (!option) {
        const known = Object.keys(declared);
        problems.push(`${id}: no option "${k}" (${known.length ? `options: ${known.join(", ")}` : "the rule has no options"})`);
        continue;
      }
      const problem = optionTypeProblem(option, v);
      if (problem) problems.push(`${id}: option "${k}": ${problem}, got ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/** Reads a config file's text; problems come back as messages instead of exceptions. */
export function parseConfig(text: string): { config: ShipshapeConfig; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: {}, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { config: {}, problems: ['expected an object with a "rules" key'] };
  const rules: Record<string, RuleSetting> = {};
  const input = (raw as { rules?: unknown }).rules;
  if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input)))
    problems.push('"rules" must be an object');
  else if (input) {
    for (const [id, v] of Object.entries(input as Record<string, unknown>)) {
      if (isSeverity(v)) rules[id] = v;
      else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const sev = (v as { severity?: unknown }).severity;
        const opts = (v as { options?: unknown }).options;
        if (sev !== undefined && !isSeverity(sev)) problems.push(`${id}: severity must be one of ${SEVERITIES.join(", ")}`);
        rules[id] = {
          severity: isSeverity(sev) ? sev : undefined,
          options: typeof opts === "object" && opts !== null ? (opts as Record<string, unknown>) : undefined,
        };
      } else problems.push(`${id}: expected a severity (${SEVERITIES.join(", ")}) or { severity, options }`);
    }
  }
  const threshold = (raw as { failureThreshold?: unknown }).failureThreshold;
  const failureThreshold = readFailureThreshold(threshold);
  if (threshold !== undefined && !failureThreshold) problems.push(`failureThreshold must be one of ${FAILURE_THRESHOLDS.join(", ")}`);
  const images = (raw as { images?: unknown }).images;
  if (images !== undefined && (typeof images !== "object" || images === null || Array.isArray(images)))
    problems.push('"images" must be an object (image reference -> facts)');
  const config: ShipshapeConfig = failureThreshold ? { rules, failureThreshold } : { rules };
  if (images && typeof images === "object" && !Array.isArray(images)) config.images = images as Record<string, unknown>;
  return { config, problems };
}
