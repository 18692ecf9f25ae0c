import { runStepOf } from "../../analysis/instructions";
import type { DockerInstruction } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

function flagsKey(ins: DockerInstruction): string {
  return ins.flags
    .map((f) => `${f.getName()}=${f.getValue() ?? ""}`)
    .sort()
    .join(" ");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/consolidate-run",
    category: "image-size",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Consider joining consecutive short RUN instructions into one.",
    rationale:
      "Each RUN adds a layer. Several one-line RUNs in a row (with the same mounts and flags) make more layers than needed, and files removed in a later RUN still take space in the earlier one. Runs that already chain several commands are left alone: splitting those was probably deliberate. Info by default, as in hadolint; the fix joins the commands with `&&`, which stops at the first failure just as separate RUNs do, but a `cd` in the first command now affects the second.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN mkdir -p /app/data\nRUN chmod 700 /app/data\n",
        good: "FROM debian:bookworm-slim\nRUN mkdir -p /app/data && chmod 700 /app/data\n",
      },
    ],
    equivalents: ["hadolint:DL3059"],
    messages: { consecutive: "This RUN directly follows another one; consider joining them." },
    practice: "hadolint DL3059",
  },
  check({ dockerfile, report, lines }) {
    let previous: DockerInstruction | undefined;
    for (const ins of dockerfile.instructions) {
      // ONBUILD RUN triggers are steps of another build: they join nothing here
      const step = runStepOf(dockerfile, ins);
      if (!step || step.onbuild) {
        previous = undefined;
        continue;
      }
      const count = step.commands.length;
      const prev = previous;
      previous = ins;
      if (!prev || prev.stage !== ins.stage || flagsKey(prev) !== flagsKey(ins)) continue;
      if (count > 2 || dockerfile.shellCommands(prev).length > 2) continue;
      const prevCommands = dockerfile.shellCommands(prev);
      const joinable =
        !prev.isExecForm &&
        !ins.isExecForm &&
        prev.heredocs.length === 0 &&
        ins.heredocs.length === 0 &&
        // a shell comment or a trailing `&`/`\` in the first RUN would swallow or break the second
        !/(^|\s)#/.test(prev.argsText) &&
        prevCommands[prevCommands.length - 1]?.after === undefined &&
        !lines.lineText(prev.range.end.line).trimEnd().endsWith(dockerfile.escape);
      // a comment between the two would be swallowed by the join
      const adjacent = ins.range.start.line === prev.range.end.line + 1;
      const fixes = [];
      if (joinable && adjacent && ins.argsRange) {
        const indent = " ".repeat(Math.max(4, prev.keywordRange.end.character + 1));
        fixes.push({
          title: "Join with the previous RUN",
          safe: false,
          edits: [
            {
              range: { start: prev.range.end, end: ins.argsRange.start },
              newText: ` && ${dockerfile.escape}${lines.eol}${indent}`,
            },
          ],
        });
      }
      report({ messageId: "consecutive", range: ins.keywordRange, fixes });
    }
  },
});
