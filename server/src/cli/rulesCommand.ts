import { allRules } from "../engine/rules";
import type { Category, SeverityOrOff } from "../engine/types";

/** One entry of `shipshape rules --json`. */
export interface RuleListing {
  id: string;
  category: Category;
  defaultSeverity: SeverityOrOff;
  fixable: boolean;
  summary: string;
  equivalents: string[];
}

export function ruleListing(): RuleListing[] {
  return allRules.map((r) => ({
    id: r.meta.id,
    category: r.meta.category,
    defaultSeverity: r.meta.defaultSeverity,
    fixable: r.meta.fixable,
    summary: r.meta.summary,
    equivalents: [...r.meta.equivalents],
  }));
}

export function formatRulesTable(rules: readonly RuleListing[]): string {
  const idWidth = Math.max(4, ...rules.map((r) => r.id.length));
  const catWidth = Math.max(8, ...rules.map((r) => r.category.length));
  const lines = [`${"rule".padEnd(idWidth)}  ${"category".padEnd(catWidth)}  default  fix  summary`];
  for (const r of rules) {
    lines.push(
      `${r.id.padEnd(idWidth)}  ${r.category.padEnd(catWidth)}  ${r.defaultSeverity.padEnd(7)}  ${(r.fixable ? "yes" : "").padEnd(3)}  ${r.summary}`,
    );
  }
  lines.push(
    "",
    `${rules.length} rules. \`shipshape rules --json\` lists their equivalents in hadolint, BuildKit, dclint, Checkov and Trivy.`,
  );
  return lines.join("\n") + "\n";
}

/** Markdown as it reads in a terminal: headings set off, tables aligned, code indented, markup dropped. */
export function markdownForTerminal(markdown: string, color: boolean): string {
  const paint = (codes: string, s: string) => (color ? `\u001b[${codes}m${s}\u001b[0m` : s);
  const inline = (s: string) =>
    s
      .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => paint("1", t))
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)")
      .replace(/`([^`]+)`/g, (_, t: string) => (color ? paint("36", t) : "`" + t + "`"));
  const out: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("```")) {
      for (i++; i < lines.length && !(lines[i] as string).startsWith("```"); i++) out.push("    " + paint("2", lines[i] as string));
      continue;
    }
    if (line.startsWith("|")) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] as string).startsWith("|"); i++) {
        const cells = (lines[i] as string)
          .replace(/^\||\|$/g, "")
          .split(/(?<!\\)\|/)
          .map((c) => inline(c.trim().replace(/\\\|/g, "|")));
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
      }
      i--;
      // eslint-disable-next-line no-control-regex -- the colour codes this function added itself
      const plainWidth = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "").length;
      const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => plainWidth(r[c] ?? "")))) ?? [];
      for (const [n, r] of rows.entries()) {
        const text = r
          .map((c, k) => c + " ".repeat(Math.max(0, (widths[k] ?? 0) - plainWidth(c))))
          .join("  ")
          .trimEnd();
        out.push("  " + (n === 0 ? paint("1", text) : text));
      }
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = heading[2] as string;
      if (heading[1] === "#") out.push(paint("1;4", text), color ? "" : "=".repeat(text.length));
      else out.push(paint("1", text));
      continue;
    }
    out.push(inline(line));
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
