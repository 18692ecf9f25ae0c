import { runStepOf } from "../../analysis/instructions";
import { healthcheckOf, imageStateAt, rootStageOf } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, Stage } from "../../model/dockerfile";
import { programOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/healthcheck-tool-available",
    category: "reliability",
    defaultSeverity: "error",
    failure:
      "the build (a RUN) or every health probe fails with `curl`/`wget`: not found, because the image model knows the tool is absent at that point.",
    fixable: false,
    summary: "A HEALTHCHECK (or RUN) must not call `curl` or `wget` when the stage neither installs it nor has it in its base image.",
    rationale:
      "Slim, distroless and hardened images ship without `curl` and usually without `wget`. A health check that calls a missing program fails every time, so the container is marked unhealthy forever " +
      "and anything waiting for `service_healthy` never starts. A RUN that calls it fails the build. " +
      'Install the tool in that stage, or probe with what the image has: `python -c "import urllib.request …"` on Python images, the framework\'s own check (`dagster api grpc-health-check`), or `wget` on Alpine (BusyBox provides it).',
    examples: [
      {
        bad: 'FROM python:3.13-slim\nHEALTHCHECK CMD curl --fail http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app"]\n',
        good: 'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD curl --fail http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app"]\n',
      },
    ],
    equivalents: [],
    messages: {
      healthcheck: "`{{tool}}` is not installed in this stage (base `{{image}}` does not ship it), so this health check can never pass.",
      run: "`{{tool}}` is not installed at this point of the stage (base `{{image}}` does not ship it), so this RUN fails.",
    },
    practice:
      "003 (Health checks by service), 001 (HEALTHCHECK with curl installed in the production stage), 000 (hardened images have no debug tools)",
  },
  check({ dockerfile, report }) {
    const checkCommands = (stage: Stage, ins: DockerInstruction, cmds: ShellCommand[], messageId: "healthcheck" | "run") => {
      // a health check runs in the finished image; a RUN sees what came before it
      const called = new Set(cmds.map((c) => programOf(c)?.name));
      // most steps call neither: the image model is asked only when one does
      if (!called.has("curl") && !called.has("wget")) return;
      const state = imageStateAt(dockerfile, stage, messageId === "run" ? ins : undefined);
      if (state.baseFromArg) return; // a build argument may pick another base
      const reported = new Set<string>();
      for (const cmd of cmds) {
        const p = programOf(cmd);
        if (!p || (p.name !== "curl" && p.name !== "wget") || reported.has(p.name)) continue;
        const tool = p.name;
        // for RUN only what came before counts (the same RUN may install it first)
        const installedEarlierInRun =
          messageId === "run" &&
          cmds.slice(0, cmds.indexOf(cmd)).some((c) => c.words.some((w) => w.value === tool || w.value.endsWith(`/${tool}`)));
        if (installedEarlierInRun) continue;
        if (state.has(tool) !== false) continue;
        // `curl … || wget …`: passes when the other one exists
        const other = tool === "curl" ? "wget" : "curl";
        if (called.has(other) && state.has(other) !== false) continue;
        reported.add(tool);
        const word = cmd.words[p.index];
        report({
          messageId,
          range: word ? dockerfile.wordRange(word) : ins.keywordRange,
          data: { tool, image: rootStageOf(dockerfile, stage).image.raw },
        });
      }
    };
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword === "HEALTHCHECK") {
          const h = healthcheckOf(dockerfile, ins);
          if (h?.kind === "cmd") checkCommands(stage, ins, h.commands, "healthcheck");
        } else {
          // a tool an ONBUILD RUN needs is looked for in the child image, which may add it
          const step = runStepOf(dockerfile, ins);
          if (step && !step.onbuild) checkCommands(stage, ins, step.commands, "run");
        }
      }
    }
  },
});
