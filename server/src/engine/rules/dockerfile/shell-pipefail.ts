import { runStepOf } from "../../analysis/instructions";
import { commandName } from "../../analysis/runCommands";
import { imageFacts } from "../../knowledge/images";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

type ShellState = "default" | "pipefail" | "non-posix";

const NON_POSIX = /^(pwsh|powershell|cmd)/i;

function shellState(ins: DockerInstruction): ShellState {
  const args = ins.jsonArgs ?? [];
  const program = args[0] ?? "";
  if (NON_POSIX.test(program.slice(program.lastIndexOf("/") + 1)) || NON_POSIX.test(program.slice(program.lastIndexOf("\\") + 1)))
    return "non-posix";
  const base = program.slice(program.lastIndexOf("/") + 1);
  if (!["bash", "zsh", "ash"].includes(base)) return "default";
  const rest = args.slice(1);
  const hasO = rest.some((a) => /^-[A-Za-z]*o[A-Za-z]*$/.test(a));
  return hasO && rest.includes("pipefail") ? "pipefail" : "default";
}

/** `set -o pipefail` (or `set -euo pipefail`) before position `before` in the same RUN. */
function setsPipefail(commands: ShellCommand[], before: number): boolean {
  return commands.slice(0, before).some((c) => {
    if (commandName(c) !== "set") return false;
    const args = argsOf(c).map((w) => w.value);
    return args.includes("pipefail") && args.some((a) => /^-[A-Za-z]*o[A-Za-z]*$/.test(a));
  });
}

/** The shell state at the start of a stage: inherited from the stage it builds on. */
function initialState(dockerfile: DockerfileModel, stage: Stage, seen = new Set<Stage>()): ShellState {
  const parent = stage.parent;
  if (!parent || seen.has(parent)) return "default";
  seen.add(parent);
  const shells = parent.instructions.filter((i) => i.keyword === "SHELL");
  const last = shells[shells.length - 1];
  return last ? shellState(last) : initialState(dockerfile, parent, seen);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/shell-pipefail",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Set `-o pipefail` in SHELL before a RUN that pipes commands.",
    rationale:
      '`/bin/sh -c` judges a pipeline by its last command only. In `RUN curl -fsSL https://example.com/key | gpg --dearmor -o key.gpg`, a failed download still lets the step succeed and the build carries on with a broken file. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` makes any failing part fail the step. `set -o pipefail` earlier in the same RUN also counts. On Alpine and busybox images use `/bin/ash`, which supports the option too. The fix inserts a SHELL line; it changes the shell for the rest of the stage, so it is not applied automatically.',
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | bash\n",
        good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | bash\n',
      },
    ],
    equivalents: ["hadolint:DL4006"],
    messages: { noPipefail: "This RUN pipes commands but the shell has no `-o pipefail`: a failure before the last `|` goes unnoticed." },
    practice: "hadolint DL4006",
  },
  check({ dockerfile, report, lines }) {
    for (const stage of dockerfile.stages) {
      let state = initialState(dockerfile, stage);
      let fixOffered = false;
      for (const ins of stage.instructions) {
        if (ins.keyword === "SHELL") {
          state = shellState(ins);
          continue;
        }
        // an ONBUILD RUN runs in the child build under the SHELL the image ends with, which is not modelled
        const step = runStepOf(dockerfile, ins);
        if (!step || step.onbuild || state !== "default") continue;
        const commands = step.commands;
        const pipe = commands.findIndex((c) => c.after === "|");
        if (pipe < 0 || setsPipefail(commands, pipe)) continue;
        const fixes: Fix[] = [];
        const facts = imageFacts(dockerfile.rootImage(stage));
        if (!fixOffered && facts.hasShell) {
          fixOffered = true;
          const shell = facts.family === "alpine" ? "/bin/ash" : "/bin/bash";
          const at = { line: ins.range.start.line, character: 0 };
          fixes.push({
            title: `Insert SHELL ["${shell}", "-o", "pipefail", "-c"]`,
            safe: false,
            edits: [{ range: { start: at, end: at }, newText: `SHELL ["${shell}", "-o", "pipefail", "-c"]${lines.eol}` }],
          });
        }
        report({ messageId: "noPipefail", range: ins.keywordRange, fixes });
      }
    }
  },
});
