import { runSteps } from "../../analysis/instructions";
import { commandName } from "../../analysis/runCommands";
import { argsOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/use-shell-instruction",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Change the shell with the SHELL instruction, not by relinking `/bin/sh`.",
    rationale:
      'Replacing `/bin/sh` with a link to bash changes the shell for every program in the image that runs `sh` scripts, not just for the Dockerfile, and it can break the base image\'s own scripts. `SHELL ["/bin/bash", "-c"]` changes only how later RUN, CMD and ENTRYPOINT lines run.',
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN ln -sf /bin/bash /bin/sh\n",
        good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
      },
    ],
    equivalents: ["hadolint:DL4005"],
    messages: { relink: "Use SHELL to change the default shell instead of relinking /bin/sh." },
    practice: "hadolint DL4005",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runSteps(dockerfile)) {
      for (const cmd of commands) {
        if (commandName(cmd) === "ln" && argsOf(cmd).some((w) => w.value === "/bin/sh")) {
          report({ messageId: "relink", range: dockerfile.lines.rangeOf(cmd.start, cmd.end) });
        }
      }
    }
  },
});
