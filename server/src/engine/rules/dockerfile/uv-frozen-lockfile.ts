import { runSteps, type RunStep } from "../../analysis/instructions";
import { envOf, imageStateAt, insertArgAfter, joinPosix, type ImageState } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, hasFlag, isInvocation, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import { BUILD_CONTEXT_READS } from "../../analysis/buildContext";

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
      "`--frozen` installs from `uv.lock` as it is; `--locked` also fails the build when the lockfile is out of date. Either makes builds reproducible. " +
      "The rule speaks only where a `uv.lock` is in the image when `uv sync` runs (copied by name, bind-mounted by the RUN, or brought in with the build context, read with its `.dockerignore`): without one, `--frozen` would fail the build. When the build context is unknown (no workspace, standard input, a context elsewhere) and nothing names the lockfile, it stays quiet.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-dev\n",
        good: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
      },
    ],
    equivalents: [],
    reads: [...BUILD_CONTEXT_READS],
    messages: { notFrozen: "`uv sync` without `--frozen` or `--locked` may change the lockfile during the build." },
    practice: "001 (Lockfile builds: `uv sync --frozen`), 000 (`uv sync --frozen --no-dev`)",
  },
  check({ dockerfile, report }) {
    // RUN and ONBUILD RUN
    const steps = new Map(runSteps(dockerfile).map((s) => [s.ins, s]));
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        const step = steps.get(ins);
        // only a step that runs `uv sync` can be reported: the others ask the image model nothing
        if (!step || !step.commands.some((c) => isInvocation(c, "uv", "sync"))) continue;
        const env = envOf(dockerfile, stage, ins);
        if (["UV_FROZEN", "UV_LOCKED"].some((k) => /^(1|true|yes)$/i.test(env.get(k) ?? ""))) continue;
        // an ONBUILD RUN runs first thing in an image built on this one: on this stage's final state
        const state = step.onbuild ? imageStateAt(dockerfile, stage) : imageStateAt(dockerfile, stage, ins);
        let dir: string | undefined = state?.workdir;
        for (const cmd of step.commands) {
          const p = programOf(cmd);
          const args = argsOf(cmd).map((w) => w.value);
          if (p?.name === "cd") dir = dir !== undefined && args[0] && !args[0].includes("$") ? joinPosix(dir, args[0]) : undefined;
          if (!isInvocation(cmd, "uv", "sync") || hasFlag(cmd, "--frozen", "--locked")) continue;
          if (cmd.assignments.some((a) => /^UV_(FROZEN|LOCKED)=(1|true)$/i.test(a.value))) continue;
          const sync = cmd.words.slice((p?.index ?? 0) + 1).find((w) => w.value === "sync");
          if (!sync) continue;
          // `--frozen` needs a uv.lock: without one in the image the advice would fail the build
          const lock = lockInImage(step, state, projectDir(dir, args)) || (step.onbuild && onbuildCopiesLock(stage, ins));
          if (!lock) continue;
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

/** The project folder of a `uv sync` (`--project`/`--directory`, else the current folder); undefined when unknown. */
function projectDir(dir: string | undefined, args: string[]): string | undefined {
  if (dir === undefined) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(project|directory)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const v = m[2] ?? args[i + 1];
    return v === undefined || v.includes("$") ? undefined : joinPosix(dir, v);
  }
  return dir;
}

/**
 * A uv.lock at the project folder when the RUN starts: copied there (by name, from another stage, or from the build
 * context as the model reads it with `.dockerignore`), or bind-mounted by the RUN itself.
 */
function lockInImage(step: RunStep, state: ImageState | undefined, dir: string | undefined): boolean {
  if (!state || dir === undefined) return false;
  const lock = joinPosix(dir, "uv.lock");
  const workdir = state.workdir;
  if (step.mounts.some((m) => m.type === "bind" && m.target !== undefined && joinPosix(workdir, m.target) === lock)) return true;
  if (step.mounts.some((m) => m.type === "bind" && m.target !== undefined && lock.startsWith(joinPosix(workdir, m.target) + "/")))
    return true;
  return state.files.has(lock) || state.fromContext(lock) === "yes";
}

/** The child image's build context is unknown: an earlier ONBUILD COPY that names a uv.lock brings one. */
function onbuildCopiesLock(stage: Stage, ins: DockerInstruction): boolean {
  for (const other of stage.instructions) {
    if (other === ins) break;
    if (other.keyword !== "ONBUILD") continue;
    const m = /^\s*(COPY|ADD)\s+(.*)$/is.exec(other.argsText);
    if (!m) continue;
    const words = (m[2] as string).split(/\s+/).filter((w) => w && !w.startsWith("--"));
    if (words.slice(0, -1).some((w) => /(^|\/)uv\.lock[*?]?$/.test(w))) return true;
  }
  return false;
}
