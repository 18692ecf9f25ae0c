import type { RuleMeta } from "./types";

/** Where rule pages live; `codeDescription.href` on every diagnostic points here. */
export const DOCS_BASE_URL = "https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/";

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** Hover text for a finding: what, why, and a short bad/good pair. */
export function ruleHoverMarkdown(meta: RuleMeta): string {
  const ex = meta.examples[0];
  const lang = meta.kind === "compose" ? "yaml" : meta.kind === "dockerfile" ? "dockerfile" : "gitignore";
  const parts = [`**${meta.id}** — ${meta.summary}`, "", meta.rationale];
  if (ex) {
    parts.push("", "Instead of:", "```" + lang, ex.bad.trimEnd(), "```", "write:", "```" + lang, ex.good.trimEnd(), "```");
  }
  if (meta.equivalents.length) parts.push("", `Covers: ${meta.equivalents.map((e) => "`" + e + "`").join(", ")}`);
  parts.push("", `[Rule documentation](${ruleDocUrl(meta.id)})`);
  return parts.join("\n");
}
