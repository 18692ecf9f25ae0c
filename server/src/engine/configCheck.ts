/**
 * What is wrong with a `.shipshape.json`, each problem with the place in the file it comes from, so the editor
 * can show it where it is (the CLI reports the same problems as a usage error). A setting that cannot be used
 * is ignored by the linter, which keeps the rule's default: the user must see that.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import { FAILURE_THRESHOLDS, isSeverity, parseConfig } from "./config";
import { allRules, ruleById } from "./rules";
import { SEVERITIES } from "./types";
import type { Range } from "./text";

export interface ConfigProblem {
  message: string;
  range: Range;
  /** `error`: the file or a setting cannot be used at all; `warning`: a setting is ignored. */
  severity: "error" | "warning";
}

/** Rule ids in a parsed config that no rule has. */
export function unknownRuleIds(ids: Iterable<string>): string[] {
  return [...ids].filter((id) => !ruleById(id));
}

/** The closest rule id by edit distance, when it is close enough to be the intended one. */
export function closestRuleId(id: string): string | undefined {
  let best: { id: string; d: number } | undefined;
  const name = id.slice(id.indexOf("/") + 1);
  for (const r of allRules) {
    const d = editDistance(id, r.meta.id, 4);
    const byName = r.meta.id.endsWith(`/${name}`) ? 0 : Infinity;
    const score = Math.min(d, byName);
    if (!best || score < best.d) best = { id: r.meta.id, d: score };
  }
  return best && best.d <= 3 ? best.id : undefined;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`; bounded by the string lengths. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

const severityList = SEVERITIES.map((s) => `"${s}"`).join(", ");

/** Every problem of a config file's text, with its range (the whole first line when the text is not JSON). */
export function checkConfigText(text: string): ConfigProblem[] {
  const { problems } = parseConfig(text);
  const lines = new LineCounter();
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(1, text.split("\n")[0]?.length ?? 1) } };
  if (problems.some((p) => p.startsWith("not valid JSON"))) {
    const at = /position (\d+)/.exec(problems[0] as string)?.[1];
    if (at !== undefined) {
      const offset = Math.min(Number(at), text.length);
      const before = text.slice(0, offset).split("\n");
      const line = before.length - 1;
      const character = (before[line] as string).length;
      return [
        {
          message: `.shipshape.json is ${problems[0]}; Shipshape uses its defaults`,
          severity: "error",
          range: { start: { line, character }, end: { line, character: character + 1 } },
        },
      ];
    }
    return [{ message: `.shipshape.json is ${problems[0]}; Shipshape uses its defaults`, severity: "error", range: whole }];
  }
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
  const rangeOf = (node: Node | null | undefined): Range => {
    const r = node?.range;
    if (!r) return whole;
    const s = lines.linePos(r[0]);
    const e = lines.linePos(r[1]);
    return { start: { line: s.line - 1, character: s.col - 1 }, end: { line: e.line - 1, character: e.col - 1 } };
  };
  const out: ConfigProblem[] = [];
  const root = doc.contents;
  if (!isMap(root)) return [{ message: 'expected an object with a "rules" key', severity: "error", range: whole }];
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value as Node | null;
    if (key === "failureThreshold") {
      if (!isScalar(value) || !(FAILURE_THRESHOLDS as readonly unknown[]).includes(value.value))
        out.push({
          message: `failureThreshold must be one of ${FAILURE_THRESHOLDS.map((t) => `"${t}"`).join(", ")}`,
          severity: "error",
          range: rangeOf(value),
        });
      continue;
    }
    if (key !== "rules") continue;
    if (!isMap(value)) {
      out.push({ message: '"rules" must be an object keyed by rule id', severity: "error", range: rangeOf(value ?? (pair.key as Node)) });
      continue;
    }
    for (const rule of value.items) {
      if (!isPair(rule) || !isScalar(rule.key)) continue;
      const id = String(rule.key.value);
      const setting = rule.value as Node | null;
      if (!ruleById(id)) {
        const close = closestRuleId(id);
        out.push({
          message: `"${id}" is not a Shipshape rule, so this setting does nothing${close ? `: did you mean "${close}"?` : " (`shipshape rules` lists them)"}`,
          severity: "warning",
          range: rangeOf(rule.key as Node),
        });
      }
      if (isScalar(setting)) {
        if (!isSeverity(setting.value))
          out.push({
            message: `${JSON.stringify(setting.value)} is not a severity: use one of ${severityList}. ${id} keeps its default`,
            severity: "error",
            range: rangeOf(setting),
          });
      } else if (isMap(setting)) {
        const sev = setting.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "severity");
        if (sev && (!isScalar(sev.value) || !isSeverity(sev.value.value)))
          out.push({
            message: `not a severity: use one of ${severityList}. ${id} keeps its default`,
            severity: "error",
            range: rangeOf(sev.value as Node),
          });
        const options = ruleById(id)?.meta.options;
        const opts = setting.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "options");
        if (options && opts && isMap(opts.value)) {
          for (const o of opts.value.items) {
            if (isPair(o) && isScalar(o.key) && !(String(o.key.value) in options))
              out.push({
                message: `${id} has no option "${String(o.key.value)}" (it has ${Object.keys(options)
                  .map((k) => `"${k}"`)
                  .join(", ")})`,
                severity: "warning",
                range: rangeOf(o.key as Node),
              });
          }
        }
      } else {
        out.push({
          message: `expected a severity (${severityList}) or { "severity": …, "options": {…} }`,
          severity: "error",
          range: rangeOf(setting ?? (rule.key as Node)),
        });
      }
    }
  }
  return out;
}

/** Problems of the editor's `shipshape.rules` setting (an object keyed by rule id), as messages for the log. */
export function checkRulesSetting(rules: unknown): string[] {
  if (rules === undefined || rules === null) return [];
  if (typeof rules !== "object" || Array.isArray(rules)) return ["shipshape.rules must be an object keyed by rule id"];
  const out: string[] = [];
  for (const [id, v] of Object.entries(rules as Record<string, unknown>)) {
    if (!ruleById(id)) {
      const close = closestRuleId(id);
      out.push(`shipshape.rules: "${id}" is not a Shipshape rule${close ? ` (did you mean "${close}"?)` : ""}; ignored`);
    }
    const sev = typeof v === "object" && v !== null && !Array.isArray(v) ? (v as { severity?: unknown }).severity : v;
    if (sev !== undefined && !isSeverity(sev))
      out.push(`shipshape.rules: ${id}: ${JSON.stringify(sev)} is not a severity (use one of ${severityList}); the default applies`);
  }
  return out;
}
