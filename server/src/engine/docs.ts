import type { AnyRule } from "./rule";
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

const fence = (m: RuleMeta) => (m.kind === "compose" ? "yaml" : m.kind === "dockerfile" ? "dockerfile" : "gitignore");

/** A rule's documentation page (docs/rules/<id>.md, and `shipshape explain <id>`), from its metadata. */
export function ruleDocMarkdown(m: RuleMeta): string {
  const out = [
    `# ${m.id}`,
    "",
    `${m.summary}`,
    "",
    "| Category | Default severity | Fix | Covers |",
    "| --- | --- | --- | --- |",
    `| ${m.category} | ${m.defaultSeverity} | ${m.fixable ? "yes" : "no"} | ${m.equivalents.map((e) => "`" + e + "`").join(", ") || "—"} |`,
    "",
    "## Why",
    "",
    m.rationale.trim(),
    "",
    "## Examples",
  ];
  for (const ex of m.examples) {
    out.push(
      "",
      `### ${ex.title ?? "Example"}`,
      "",
      "Flagged:",
      "",
      "```" + fence(m),
      ex.bad.trimEnd(),
      "```",
      "",
      "Passes:",
      "",
      "```" + fence(m),
      ex.good.trimEnd(),
      "```",
    );
  }
  if (m.options && Object.keys(m.options).length) {
    out.push("", "## Options", "", "| Option | Type | Default | Meaning |", "| --- | --- | --- | --- |");
    for (const [k, v] of Object.entries(m.options))
      out.push(`| \`${k}\` | ${v.type} | \`${JSON.stringify(v.default)}\` | ${v.description} |`);
  }
  out.push(
    "",
    "## Configure or suppress",
    "",
    "In `.shipshape.json` (CLI) or the `shipshape.rules` setting (VS Code):",
    "",
    "```json",
    JSON.stringify({ rules: { [m.id]: m.defaultSeverity === "off" ? "warning" : "off" } }, null, 2),
    "```",
    "",
    `On one ${m.kind === "dockerfile" ? "instruction" : "line or block"}: \`# shipshape-ignore ${m.id} -- reason\` on the line above.`,
    "",
  );
  return out.join("\n");
}

/** The rule table (README, docs/rules/README.md, `shipshape rules --format markdown`); `link` gives each page. */
export function ruleTableMarkdown(rules: readonly AnyRule[], link: (id: string) => string): string {
  const rows = ["| Rule | Category | Default | Fix | Covers |", "| --- | --- | --- | --- | --- |"];
  for (const r of rules) {
    const m = r.meta;
    rows.push(
      `| [\`${m.id}\`](${link(m.id)}) — ${m.summary.replace(/\|/g, "\\|")} | ${m.category} | ${m.defaultSeverity} | ${m.fixable ? "yes" : ""} | ${m.equivalents.join(", ")} |`,
    );
  }
  return rows.join("\n");
}
