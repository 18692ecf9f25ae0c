import { runSteps } from "../../analysis/instructions";
import { commandName, commandWord } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/workdir-instead-of-cd",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: false,
    summary: "Use WORKDIR to change directory rather than `cd` in RUN.",
    rationale:
      "`cd` only lasts until the end of its RUN, so a reader has to track which steps happen where, and the next instruction is back in the old directory. " +
      "WORKDIR sets the directory for every following instruction and for the container, and it creates the folder when it is missing. " +
      "This defaults to info: a `cd` inside one RUN (into a freshly unpacked source tree, say) is harmless, and rewriting it changes where later instructions run, so there is no automatic fix.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN cd /app && pip install --no-cache-dir -r requirements.txt\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt\n",
      },
    ],
    equivalents: ["hadolint:DL3003", "trivy:DS-0013"],
    messages: { cd: "Use WORKDIR to switch to a directory instead of `cd`." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const word = commandWord(cmd);
        if (word && commandName(cmd) === "cd") report({ messageId: "cd", range: dockerfile.wordRange(word) });
      }
    }
  },
});
