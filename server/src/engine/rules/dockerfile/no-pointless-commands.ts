import { runSteps } from "../../analysis/instructions";
import { commandName, commandWord } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

// hadolint DL3001's list: programs for an interactive machine, not for an image build
const POINTLESS = new Set(["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-pointless-commands",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: false,
    summary: "Don't run interactive or system-management commands (ssh, vim, service, shutdown, ps, top, kill …) in RUN.",
    rationale:
      "A build step runs once, without a terminal, in a throw-away container with no init system. " +
      "Editors and monitors (`vim`, `top`, `ps`, `free`) do nothing useful there, `service … start` and `mount` don't outlive the step, " +
      "`shutdown` and `kill` have nothing to stop, and `ssh` into another machine makes the build depend on it. " +
      "Such a line is usually left over from an interactive session; configure the image with files and start services from CMD or ENTRYPOINT. " +
      "Installing these tools (`apt-get install vim`) is not reported.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN service nginx start\n",
        good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
      },
    ],
    equivalents: ["hadolint:DL3001"],
    messages: {
      pointless: "`{{name}}` makes no sense in a build step: there is no terminal, init system or running service to work with.",
    },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const name = commandName(cmd);
        const word = commandWord(cmd);
        if (name && word && POINTLESS.has(name)) report({ messageId: "pointless", range: dockerfile.wordRange(word), data: { name } });
      }
    }
  },
});
