import type { DockerInstruction } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

const ONCE = ["CMD", "ENTRYPOINT", "HEALTHCHECK"];

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/single-cmd-entrypoint-healthcheck",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Use at most one CMD, one ENTRYPOINT and one HEALTHCHECK per stage.",
    rationale:
      "An image has a single command, entrypoint and health check. When a stage sets one of them twice, only the last takes effect and the earlier line is dead code that misleads readers, often a leftover from debugging. The finding sits on the instruction that is ignored; the fix removes it.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCMD ["python", "debug.py"]\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
      },
      {
        bad: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK NONE\n',
        good: "FROM nginx:1.27\nHEALTHCHECK NONE\n",
      },
    ],
    equivalents: [
      "hadolint:DL4003",
      "hadolint:DL4004",
      "hadolint:DL3012",
      "buildkit:MultipleInstructionsDisallowed",
      "trivy:DS-0016",
      "trivy:DS-0007",
      "trivy:DS-0023",
    ],
    messages: { overridden: "Only the last {{keyword}} of a stage takes effect; this one (line {{line}}) is ignored." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const stage of dockerfile.stages) {
      for (const keyword of ONCE) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        for (const ins of list.slice(0, -1)) {
          report({
            messageId: "overridden",
            range: ins.keywordRange,
            data: { keyword, line: ins.range.start.line + 1 },
            fixes: [{ title: `Remove the ignored ${keyword}`, safe: false, edits: [removeLine(ins)] }],
          });
        }
      }
    }

    function removeLine(ins: DockerInstruction) {
      const start = lines.lineStart(ins.range.start.line);
      const next = ins.range.end.line + 1;
      const end = next < lines.lineCount ? lines.lineStart(next) : lines.text.length;
      return { range: lines.rangeOf(start, end), newText: "" };
    }
  },
});
