import type { AnyRule } from "./rule";
import type { RuleMeta } from "./types";

/** Where rule pages live; `codeDescription.href` on every diagnostic points here. */
export const DOCS_BASE_URL = "https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/";

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** The first sentence of a Markdown paragraph: up to the first ". " outside backticks (not after "e.g"/"i.e"). */
export function firstSentence(markdown: string): string {
  const para = (markdown.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ");
  let inCode = false;
  for (let i = 0; i < para.length; i++) {
    const c = para[i];
    if (c === "`") inCode = !inCode;
    else if (c === "." && !inCode && (i === para.length - 1 || para[i + 1] === " ") && !/\b(e\.g|i\.e|etc|vs)$/.test(para.slice(0, i)))
      return para.slice(0, i + 1);
  }
  return para;
}

/** At most `max` characters, cut at a word outside backticks, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(" ", max - 1);
  // an odd number of backticks before the cut would leave a code span open
  while (cut > 0 && (text.slice(0, cut).split("`").length - 1) % 2 === 1) cut = text.lastIndexOf(" ", cut - 1);
  return `${text.slice(0, cut > 0 ? cut : max).replace(/[,;:]$/, "")} …`;
}

/**
 * One hover line for a finding: the rule link first, then why (the first sentence of the rationale) and the
 * fix (the finding's quick fix when it has one, else what the rule wants). The full page stays on the rule page.
 */
export function findingHoverLine(meta: RuleMeta, fixTitle?: string): string {
  const fix = fixTitle ? `Quick fix: ${fixTitle.replace(/\.$/, "")}.` : `Fix: ${meta.summary}`;
  return `[${meta.id}](${ruleDocUrl(meta.id)}) — ${clip(firstSentence(meta.rationale), 160)} ${fix}`;
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
