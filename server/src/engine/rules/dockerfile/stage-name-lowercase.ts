import { dockerfileRule } from "../../rule";
import type { TextEdit } from "../../text";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/stage-name-lowercase",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Name build stages in lower case.",
    rationale:
      "BuildKit lower-cases stage names anyway, so `AS BuilderBase` and `--from=builderbase` are the same stage. Writing them in lower case keeps names visibly distinct from instruction keywords and avoids the impression that case matters. The fix lower-cases the name and its references in this file; references elsewhere (`--target`, compose `target:`) keep working because the lookup ignores case.",
    examples: [
      {
        bad: "FROM python:3.13 AS BuilderBase\nRUN pip wheel -w /wheels .\nFROM python:3.13-slim\nCOPY --from=BuilderBase /wheels /wheels\n",
        good: "FROM python:3.13 AS builder-base\nRUN pip wheel -w /wheels .\nFROM python:3.13-slim\nCOPY --from=builder-base /wheels /wheels\n",
      },
    ],
    equivalents: ["buildkit:StageNameCasing"],
    messages: { casing: "Stage name `{{name}}` should be lower case." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      const name = stage.name;
      if (name === undefined || !stage.nameRange || name === name.toLowerCase()) continue;
      const lower = name.toLowerCase();
      const edits: TextEdit[] = [{ range: stage.nameRange, newText: lower }];
      for (const other of dockerfile.stages) {
        if (other.imageRange && other.image.raw.toLowerCase() === lower && other.image.raw !== lower && other.index > stage.index) {
          edits.push({ range: other.imageRange, newText: lower });
        }
      }
      for (const ins of dockerfile.instructions) {
        for (const f of ins.flags) {
          const value = f.getValue();
          const vr = f.getValueRange();
          if (!value || !vr) continue;
          if (f.getName().toLowerCase() === "from" && value.toLowerCase() === lower && value !== lower)
            edits.push({ range: vr, newText: lower });
          if (f.getName().toLowerCase() === "mount") {
            const replaced = value.replace(/(^|,)(from=)([^,]*)/gi, (whole, sep: string, key: string, v: string) =>
              v.toLowerCase() === lower ? `${sep}${key}${lower}` : whole,
            );
            if (replaced !== value) edits.push({ range: vr, newText: replaced });
          }
        }
      }
      report({ messageId: "casing", range: stage.nameRange, data: { name }, fixes: [{ title: `Rename to ${lower}`, safe: true, edits }] });
    }
  },
});
