import { BUILD_CONTEXT_READS, buildContextOf, isContextManifest } from "../../analysis/buildContext";
import { simulate } from "../../startCheck/image";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
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
      "The rule follows what each stage certainly creates (WORKDIR, COPY, `mkdir`, the virtualenv of `uv sync`, `poetry install` or `python -m venv`, `node_modules` of `npm ci`) and stays quiet as soon as a stage runs a command whose files it cannot know or starts from an image it does not know. " +
      "What a stage copies from the build context is read from the Dockerfile's folder with its `.dockerignore` when the workspace shows that folder is the context; otherwise (standard input, a context elsewhere) anything copied from the context may be there.",
    examples: [
      {
        bad: "FROM python:3.13-slim AS base\nWORKDIR /app\nRUN useradd --system app\n\nFROM python:3.13-slim\nCOPY --from=base /app/.venv /app/.venv\n",
        good: "FROM python:3.13-slim AS base\nWORKDIR /app\nRUN python -m venv /app/.venv\n\nFROM python:3.13-slim\nCOPY --from=base /app/.venv /app/.venv\n",
      },
    ],
    equivalents: [],
    reads: [...BUILD_CONTEXT_READS],
    messages: {
      missing: "Stage {{stage}} never creates {{path}}: this COPY fails the build.",
    },
    practice: "001 (the production stage copies /app/.venv from the base stage, which never installs it)",
  },
  check({ dockerfile, report }) {
    if (dockerfile.instructions.length > MAX_INSTRUCTIONS || dockerfile.stages.length < 2) return;
    // the simulation finds a missing path only for a COPY/ADD --from of an earlier stage (startCheck/image.ts,
    // applyCopy): without one it would run the whole build for nothing
    if (!dockerfile.stages.some((s) => s.instructions.some((ins) => copiesFromEarlierStage(dockerfile, s, ins)))) return;
    // the build context when the workspace shows it (with its .dockerignore); without it whatever a stage copies
    // from the context may exist, so only what a stage certainly lacks is reported
    const ctx = buildContextOf(dockerfile);
    const sim = simulate(dockerfile, {
      dockerfilePath: dockerfile.path,
      // the paths a stage holds do not depend on source files' text, only on the manifests installs read
      context: ctx ? { dir: ctx.dir, fs: ctx.fs, readText: isContextManifest } : undefined,
    });
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

/** A COPY or ADD whose `--from` names a stage before `stage` (as the simulation looks the name up). */
function copiesFromEarlierStage(dockerfile: DockerfileModel, stage: Stage, ins: DockerInstruction): boolean {
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return false;
  const from = dockerfile.flag(ins, "from")?.getValue();
  const source = from ? dockerfile.stageByName(from) : undefined;
  return source !== undefined && source.index < stage.index;
}
