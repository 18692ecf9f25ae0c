import { runSteps } from "../../analysis/instructions";
import { envOf, insertArgAfter } from "../../analysis/dockerfileFacts";
import { hasFlag, isInvocation, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/uv-frozen-lockfile",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Run `uv sync` with `--frozen` (or `--locked`) so the image gets exactly the versions in `uv.lock`.",
    rationale:
      "Without `--frozen` or `--locked`, `uv sync` may re-resolve and rewrite the lockfile inside the build when it no longer matches `pyproject.toml`, so the image can contain versions nobody reviewed. " +
      "`--frozen` installs from `uv.lock` as it is; `--locked` also fails the build when the lockfile is out of date. Either makes builds reproducible.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-dev\n",
        good: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
      },
    ],
    equivalents: [],
    messages: { notFrozen: "`uv sync` without `--frozen` or `--locked` may change the lockfile during the build." },
    practice: "001 (Lockfile builds: `uv sync --frozen`), 000 (`uv sync --frozen --no-dev`)",
  },
  check({ dockerfile, report }) {
    // RUN and ONBUILD RUN
    const steps = new Map(runSteps(dockerfile).map((s) => [s.ins, s]));
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        const step = steps.get(ins);
        if (!step) continue;
        const env = envOf(dockerfile, stage, ins);
        if (["UV_FROZEN", "UV_LOCKED"].some((k) => /^(1|true|yes)$/i.test(env.get(k) ?? ""))) continue;
        for (const cmd of step.commands) {
          if (!isInvocation(cmd, "uv", "sync") || hasFlag(cmd, "--frozen", "--locked")) continue;
          if (cmd.assignments.some((a) => /^UV_(FROZEN|LOCKED)=(1|true)$/i.test(a.value))) continue;
          const p = programOf(cmd);
          const sync = cmd.words.slice((p?.index ?? 0) + 1).find((w) => w.value === "sync");
          if (!sync) continue;
          report({
            messageId: "notFrozen",
            range: dockerfile.lines.rangeOf(cmd.words[p?.index ?? 0]?.start ?? sync.start, sync.end),
            fixes: [
              {
                title: "Add --frozen",
                safe: false,
                edits: [insertArgAfter(dockerfile, ins, sync, "--frozen")],
              },
            ],
          });
        }
      }
    }
  },
});
