import { simulate } from "../../startCheck/image";
import { dockerfileRule } from "../../rule";

/** Bigger files are not simulated (the simulation copies a stage's files for each stage built on it). */
const MAX_INSTRUCTIONS = 1_500;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-from-missing-path",
    category: "reliability",
    defaultSeverity: "error",
    fixable: false,
    summary: "`COPY --from=<stage>` must copy a path that stage creates.",
    failure: "The build fails at this COPY: BuildKit reports that the source path is not found in the stage it names.",
    rationale:
      "BuildKit fails the build when a `COPY --from` source does not exist in the stage it names, and the failure only shows when that stage is built, after everything before it. " +
      "A typical case: a runtime stage copies `/app/.venv` from a stage that never ran `uv sync` (the install happens in a sibling stage), or copies `dist/` from a stage that never builds. " +
      "The rule follows what each stage certainly creates (WORKDIR, COPY, `mkdir`, the virtualenv of `uv sync`, `poetry install` or `python -m venv`, `node_modules` of `npm ci`) and stays quiet as soon as a stage runs a command whose files it cannot know, starts from an image it does not know, or copies from the build context.",
    examples: [
      {
        bad: "FROM python:3.13-slim AS base\nWORKDIR /app\nRUN useradd --system app\n\nFROM python:3.13-slim\nCOPY --from=base /app/.venv /app/.venv\n",
        good: "FROM python:3.13-slim AS base\nWORKDIR /app\nRUN python -m venv /app/.venv\n\nFROM python:3.13-slim\nCOPY --from=base /app/.venv /app/.venv\n",
      },
    ],
    equivalents: [],
    messages: {
      missing: "Stage {{stage}} never creates {{path}}: this COPY fails the build.",
    },
    practice: "001 (the production stage copies /app/.venv from the base stage, which never installs it)",
  },
  check({ dockerfile, report }) {
    if (dockerfile.instructions.length > MAX_INSTRUCTIONS || dockerfile.stages.length < 2) return;
    // no build context: whatever a stage copies from it may exist, so only what a stage certainly lacks is reported
    const sim = simulate(dockerfile, { dockerfilePath: dockerfile.path, context: undefined });
    for (const p of sim.problems) {
      if (p.kind !== "copy-from") continue;
      const stage = dockerfile.flag(p.ins, "from")?.getValue() ?? "";
      const path = /never creates (\S+)$/.exec(p.message)?.[1] ?? "";
      const arg = p.ins.ast.getArguments().find(
        (a) =>
          a.getValue().replace(/\/+$/, "") !== "" &&
          path.endsWith(
            a
              .getValue()
              .replace(/\/+$/, "")
              .replace(/^\.?\//, ""),
          ),
      );
      report({ messageId: "missing", range: arg?.getRange() ?? p.ins.range, data: { stage, path } });
    }
  },
});
