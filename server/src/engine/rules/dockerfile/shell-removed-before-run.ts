import { copyArgs, healthcheckOf, stageImageFacts } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

type ShellState = { kind: "present" } | { kind: "removed"; line: number } | { kind: "absent"; image: string };

const SH_PATHS = new Set(["/bin/sh", "/usr/bin/sh", "/bin/*", "/bin", "/bin/", "/usr/bin/*"]);
const NOT_A_SHELL = /(^|\/)(false|nologin|true)$|^\/dev\/null$/;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/shell-removed-before-run",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build (a shell-form RUN) or the container (a shell-form CMD/ENTRYPOINT/HEALTHCHECK) fails: `/bin/sh` does not exist.",
    fixable: false,
    summary: "Nothing may need `/bin/sh` after the stage removed it (or when the base image has none).",
    rationale:
      "RUN, and CMD, ENTRYPOINT and HEALTHCHECK in shell form, all start `/bin/sh -c`. Once a stage deletes `/bin/sh` or points it at `/bin/false` to lock the image down, every later shell-form instruction fails: the build stops at the next RUN, or the container cannot start. " +
      "The same holds for bases that ship no shell at all (hardened runtime images, distroless, scratch). " +
      "Remove the shell last, after every RUN, and write CMD, ENTRYPOINT and HEALTHCHECK in the JSON form; or do the work in a builder stage.",
    examples: [
      {
        bad: "FROM python:3.11-slim AS runtime\nRUN rm /bin/sh && ln -s /bin/false /bin/sh\nRUN chmod -R 755 /app\n",
        good: "FROM python:3.11-slim AS runtime\nRUN chmod -R 755 /app\nRUN rm /bin/sh && ln -s /bin/false /bin/sh\n",
      },
      {
        title: "Hardened runtime images have no shell",
        bad: "FROM dhi.io/python:3.13-debian13\nRUN pip install requests\n",
        good: "FROM dhi.io/python:3.13-debian13-dev AS builder\nRUN pip install --target /deps requests\nFROM dhi.io/python:3.13-debian13\nCOPY --from=builder /deps /deps\n",
      },
    ],
    equivalents: [],
    messages: {
      removed: "{{what}} needs `/bin/sh`, which line {{line}} removed from this stage.",
      absent: "{{what}} needs `/bin/sh`, but the base image `{{image}}` has no shell.",
    },
    practice: "002 (Security hardening: `rm /bin/sh` followed by another RUN), 000 (hardened runtime images have no shell)",
  },
  check({ dockerfile, report }) {
    const endState = new Map<Stage, ShellState>();
    for (const stage of dockerfile.stages) {
      let state: ShellState;
      if (stage.parent) state = endState.get(stage.parent) ?? { kind: "present" };
      else {
        const facts = stageImageFacts(dockerfile, stage);
        state = facts.hasShell ? { kind: "present" } : { kind: "absent", image: stage.image.raw };
      }
      let usesSh = true;
      const needs = (ins: DockerInstruction, what: string) => {
        if (state.kind === "removed") report({ messageId: "removed", range: ins.keywordRange, data: { what, line: state.line } });
        else if (state.kind === "absent") report({ messageId: "absent", range: ins.keywordRange, data: { what, image: state.image } });
      };
      for (const ins of stage.instructions) {
        switch (ins.keyword) {
          case "RUN": {
            const cmds = dockerfile.shellCommands(ins);
            if (ins.isExecForm ? /(^|\/)sh$/.test(ins.jsonArgs?.[0] ?? "") : usesSh) needs(ins, "This RUN");
            for (const cmd of cmds) {
              const p = programOf(cmd);
              if (!p) continue;
              const args = argsOf(cmd)
                .filter((w) => !w.value.startsWith("-"))
                .map((w) => w.value);
              if (p.name === "rm" && args.some((a) => SH_PATHS.has(a))) state = { kind: "removed", line: ins.range.start.line + 1 };
              if (p.name === "ln" && args.length >= 2 && SH_PATHS.has(args[args.length - 1] as string)) {
                state = NOT_A_SHELL.test(args[0] as string) ? { kind: "removed", line: ins.range.start.line + 1 } : { kind: "present" };
              }
            }
            break;
          }
          case "CMD":
          case "ENTRYPOINT":
            if (!ins.isExecForm && usesSh) needs(ins, `${ins.keyword} in shell form`);
            break;
          case "HEALTHCHECK": {
            const h = healthcheckOf(dockerfile, ins);
            if (h?.kind === "cmd" && !h.execForm && usesSh) needs(ins, "HEALTHCHECK in shell form");
            break;
          }
          case "SHELL": {
            const prog = ins.jsonArgs?.[0] ?? "";
            if (prog !== "") usesSh = SH_PATHS.has(prog);
            break;
          }
          case "COPY": {
            const c = copyArgs(ins);
            if (c && (SH_PATHS.has(c.dest) || c.sources.some((s) => /(^|\/)(sh|busybox)$/.test(s)))) state = { kind: "present" };
            break;
          }
          default:
            break;
        }
      }
      endState.set(stage, state);
    }
  },
});
