import { runSteps } from "../../analysis/instructions";
import { imageStateAt, isRootUser } from "../../analysis/dockerfileFacts";
import type { DockerfileModel, DockerInstruction } from "../../model/dockerfile";
import type { ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const WRAPPERS = new Set([
  "sudo",
  "env",
  "command",
  "exec",
  "time",
  "nice",
  "nohup",
  "if",
  "then",
  "else",
  "elif",
  "do",
  "while",
  "until",
  "!",
  "{",
]);

/** True when the model knows the step runs as root (a USER, or the base image's default user not overridable by an ARG). */
function runsAsRoot(dockerfile: DockerfileModel, ins: DockerInstruction): boolean {
  if (!ins.stage) return false;
  const state = imageStateAt(dockerfile, ins.stage, ins);
  if (state.user === undefined || (state.baseFromArg && !state.userIns)) return false;
  return isRootUser(state.user);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/avoid-sudo",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Don't use sudo in RUN; switch users with USER (or gosu/su-exec at run time).",
    rationale:
      "Build steps run as the current USER, and a RUN that needs root should run while USER is root. " +
      "`sudo` in a Dockerfile hides that: it needs the sudo package and a sudoers entry in the image, it behaves differently " +
      "with and without a TTY, and it leaves a privilege-escalation tool in the final image. " +
      "Put `USER root` before the step and switch back to the unprivileged user afterwards; to drop privileges in an entrypoint, use gosu or su-exec. " +
      "When USER is already root, sudo does nothing and the fix simply removes it.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nUSER app\nRUN sudo apt-get update\n",
        good: "FROM debian:bookworm-slim\nUSER root\nRUN apt-get update\nUSER app\n",
      },
    ],
    equivalents: ["hadolint:DL3004", "trivy:DS-0010"],
    messages: { sudo: "Don't use sudo in a build step; run the step as USER root instead." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        // sudo as the program or inside a wrapper chain (`env X=1 sudo …`)
        let sudo: ShellWord | undefined;
        let next: ShellWord | undefined;
        for (let i = 0; i < cmd.words.length; i++) {
          const w = cmd.words[i] as ShellWord;
          const base = w.value.slice(w.value.lastIndexOf("/") + 1);
          if (base === "sudo") {
            sudo = w;
            next = cmd.words[i + 1];
            break;
          }
          if (!WRAPPERS.has(base) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value) && !w.value.startsWith("-")) break;
        }
        if (!sudo) continue;
        const fixes =
          next && !next.value.startsWith("-")
            ? [
                {
                  title: "Remove sudo",
                  // only a no-op when the step already runs as root
                  safe: !step.onbuild && runsAsRoot(dockerfile, step.ins),
                  edits: [{ range: dockerfile.lines.rangeOf(sudo.start, next.start), newText: "" }],
                },
              ]
            : [];
        report({ messageId: "sudo", range: dockerfile.wordRange(sudo), fixes });
      }
    }
  },
});
