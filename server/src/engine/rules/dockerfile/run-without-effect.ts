import { runSteps } from "../../analysis/instructions";
import { dockerfileRule } from "../../rule";
import type { TextEdit } from "../../text";
import type { Fix } from "../../types";

/** Shell builtins that only change the shell they run in: gone when the RUN ends. */
const STATE_ONLY = new Set([
  "export",
  "cd",
  "set",
  "unset",
  "alias",
  "unalias",
  "source",
  ".",
  "shopt",
  "umask",
  "declare",
  "typeset",
  "readonly",
  "local",
]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/run-without-effect",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A RUN that only sets shell state (`RUN export …`, `RUN set …`, `RUN source …`) does nothing for later instructions.",
    rationale:
      "Each RUN starts a new shell and only its changes to the file system are kept. A variable exported, a directory changed into or an option set in one RUN is gone in the next, so `RUN export PATH=/opt/app/bin:$PATH` has no effect at all. " +
      "Use ENV for variables later instructions and the container need (or ARG for build-time only values), WORKDIR for the directory, SHELL for shell options; or do the work in the same RUN, after the `export`. " +
      "A lone `RUN cd …` is reported by `dockerfile/workdir-instead-of-cd`.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN export PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3\n",
        good: "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3\n",
      },
    ],
    equivalents: [],
    messages: {
      noEffect: "This RUN only changes its own shell (`{{what}}`); nothing of it reaches later instructions. Use {{instead}}.",
    },
    practice: "003 (Dockerfile instructions: ENV and WORKDIR instead of shell state)",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      if (step.isExecForm || step.ins.heredocs.length > 0 || step.commands.length === 0) continue;
      const names = step.commands.map((c) => c.words[0]?.value ?? (c.assignments.length > 0 ? "=" : ""));
      if (!names.every((n) => n === "=" || STATE_ONLY.has(n))) continue;
      // a lone `cd` belongs to workdir-instead-of-cd
      if (names.every((n) => n === "cd")) continue;
      const exports = step.commands.filter((c) => c.words[0]?.value === "export");
      const fixes: Fix[] = [];
      const first = step.commands[0];
      const last = step.commands[step.commands.length - 1];
      // `RUN export A=1 B=2` alone: ENV A=1 B=2 (a suggestion: ENV also reaches the running container)
      if (step.commands.length === 1 && exports.length === 1 && first && !step.onbuild) {
        const words = first.words.slice(1);
        if (words.length > 0 && words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value) && !/[`$]\(/.test(w.value))) {
          const text = words.map((w) => dockerfile.text.slice(w.start, w.end)).join(" ");
          const edit: TextEdit = { range: step.ins.range, newText: `ENV ${text}` };
          fixes.push({ title: "Use ENV instead", safe: false, edits: [edit] });
        }
      }
      const instead = names.includes("export")
        ? "ENV (or ARG)"
        : names.includes("set") || names.includes("shopt")
          ? "SHELL"
          : "ENV, WORKDIR or SHELL";
      report({
        messageId: "noEffect",
        range: first && last ? dockerfile.lines.rangeOf(first.start, last.end) : step.ins.range,
        data: { what: [...new Set(names)].join(", "), instead },
        fixes,
      });
    }
  },
});
