import { variableRefs } from "../../analysis/variables";
import type { DockerInstruction } from "../../model/dockerfile";
import { comparePositions, rangeContains, type Range } from "../../text";
import { dockerfileRule } from "../../rule";

interface Prop {
  getName(): string;
  getRange(): Range;
  getValueRange(): Range | null;
}

function propertiesOf(ins: DockerInstruction): Prop[] {
  return (ins.ast as unknown as { getProperties(): Prop[] }).getProperties();
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/env-self-reference",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Do not use a variable in the same ENV instruction that defines it.",
    rationale:
      "Docker expands every value of an ENV instruction with the variables as they were before the instruction. In `ENV A=1 B=$A`, `B` does not see the new `A`: it gets the old value, or an empty string. Define the variable in one ENV and use it in the next.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin\n",
        good: "FROM debian:bookworm-slim\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin\n",
      },
    ],
    equivalents: ["hadolint:DL3044"],
    messages: { selfReference: "`${{name}}` is defined in this same ENV instruction, so it still has its previous value here." },
    practice: "hadolint DL3044",
  },
  check({ dockerfile, report, lines }) {
    const defined = new Set<string>();
    for (const ins of dockerfile.instructions) {
      if (ins.keyword === "ARG") {
        for (const a of ins.ast.getArguments()) defined.add(a.getValue().split("=")[0] as string);
        continue;
      }
      if (ins.keyword !== "ENV") continue;
      const props = propertiesOf(ins);
      const names = props.map((p) => p.getName());
      for (const v of variableRefs(dockerfile, ins)) {
        const name = v.name;
        if (defined.has(name)) continue;
        const owner = props.findIndex((p) => {
          const r = p.getValueRange();
          return r !== null && rangeContains(r, v.range.start);
        });
        const definedHere = names.findIndex((n, i) => n === name && i !== owner);
        if (owner < 0 || definedHere < 0) continue;
        report({ messageId: "selfReference", range: v.range, data: { name }, fixes: splitFix(ins, props, lines.eol) });
      }
      for (const n of names) defined.add(n);
    }

    function splitFix(ins: DockerInstruction, props: Prop[], eol: string) {
      if (props.length < 2) return [];
      const ordered = [...props].sort((a, b) => comparePositions(a.getRange().start, b.getRange().start));
      const texts = ordered.map((p) => lines.text.slice(lines.offsetAt(p.getRange().start), lines.offsetAt(p.getRange().end)));
      if (texts.some((t) => !t.includes("="))) return [];
      const keyword = ins.keywordAsWritten;
      return [
        {
          title: "Split into one ENV per variable",
          // later variables then see the new values, which is usually what was meant, but it is a change
          safe: false,
          edits: [{ range: ins.range, newText: texts.map((t) => `${keyword} ${t}`).join(eol) }],
        },
      ];
    }
  },
});
