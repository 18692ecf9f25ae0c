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
