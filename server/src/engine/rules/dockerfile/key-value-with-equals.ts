import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";

interface Prop {
  getName(): string;
  getValue(): string | null;
  getAssignmentOperator(): string | null;
  getNameRange(): Range;
  getRange(): Range;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/key-value-with-equals",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Write `ENV key=value` and `LABEL key=value`, not the legacy `ENV key value`.",
    rationale:
      "The space-separated form sets exactly one variable, takes the whole rest of the line (spaces included) as its value, and is deprecated. `key=value` reads unambiguously, allows several pairs per instruction, and is the only form Docker documents today. The fix rewrites single-line values, quoting them when they contain spaces.",
    examples: [
      {
        bad: "FROM alpine:3.20\nENV APP_HOME /srv/app\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\n",
      },
    ],
    equivalents: ["buildkit:LegacyKeyValueFormat"],
    messages: { legacy: '"{{keyword}} key=value" should be used instead of the legacy "{{keyword}} key value" format.' },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ENV" && ins.keyword !== "LABEL") continue;
      const props = (ins.ast as unknown as { getProperties(): Prop[] }).getProperties();
      for (const p of props) {
        if (p.getAssignmentOperator() !== null || !p.getValue()) continue;
        const nameRange = p.getNameRange();
        const fixes = [];
        if (ins.range.start.line === ins.range.end.line) {
          const afterName = lines.offsetAt(nameRange.end);
          const end = lines.offsetAt(ins.range.end);
          const rawValue = lines.text.slice(afterName, end).trim();
          let replacement: string | undefined;
          if (!/["'\\]/.test(rawValue)) replacement = /\s/.test(rawValue) ? `"${rawValue}"` : rawValue;
          else if (/^"[^"\\]*"$|^'[^']*'$/.test(rawValue)) replacement = rawValue;
          if (replacement !== undefined) {
            fixes.push({
              title: "Use key=value",
              safe: true,
              edits: [{ range: lines.rangeOf(afterName, end), newText: `=${replacement}` }],
            });
          }
        }
        report({ messageId: "legacy", range: p.getRange(), data: { keyword: ins.keyword }, fixes });
      }
    }
  },
});
