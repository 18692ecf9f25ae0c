import { runStepOf } from "../../analysis/instructions";
import {
  contributingStages,
  copyArgs,
  envOf,
  insertArgAfter,
  joinPosix,
  lineageInstructions,
  workdirAt,
} from "../../analysis/dockerfileFacts";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, hasFlag, isInvocation, programOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

/** What is wrong with an install command, and the flag that fixes it. */
function devInstall(cmd: ShellCommand, env: ReadonlyMap<string, string>): { tool: string; flag: string } | undefined {
  if (isInvocation(cmd, "uv", "sync")) {
    if (hasFlag(cmd, "--no-dev", "--only-group", "--no-default-groups") || /^(1|true)$/i.test(env.get("UV_NO_DEV") ?? "")) return undefined;
    if (argsOf(cmd).some((w) => w.value === "--group" || w.value.startsWith("--group="))) return undefined;
    return { tool: "uv sync", flag: "--no-dev" };
  }
  if (isInvocation(cmd, "poetry", "install")) {
    const args = argsOf(cmd).map((w) => w.value);
    if (hasFlag(cmd, "--no-dev", "--without", "--only") || args.some((a) => /^--(only|without)=/.test(a))) return undefined;
    return { tool: "poetry install", flag: "--only main" };
  }
  if (isInvocation(cmd, "npm", /^(ci|install|i)$/)) {
    if (argsOf(cmd).filter((w) => !w.value.startsWith("-")).length > 1) return undefined; // npm install <pkg>
    if (hasFlag(cmd, "--omit", "--production", "--only") || /^production$/i.test(env.get("NODE_ENV") ?? "")) return undefined;
    if (argsOf(cmd).some((w) => /^--omit=dev$/.test(w.value))) return undefined;
    return { tool: `npm ${argsOf(cmd).find((w) => !w.value.startsWith("-"))?.value ?? "ci"}`, flag: "--omit=dev" };
  }
  return undefined;
}

/** `npm prune --omit=dev` (or `--production`, `pnpm prune --prod`) after the install, in the same stage chain. */
function prunedLater(model: DockerfileModel, stage: Stage, ins: DockerInstruction, cmd: ShellCommand, tool: string): boolean {
  if (!/^npm /.test(tool)) return false;
  const all = lineageInstructions(model, stage);
  const after = all.slice(all.indexOf(ins));
  return after.some(
    (i) =>
      runStepOf(model, i)?.onbuild === false &&
      (runStepOf(model, i)?.commands ?? []).some((c) => {
        if (i === ins && c.start <= cmd.start) return false;
        const words = argsOf(c).map((w) => w.value);
        const prune = isInvocation(c, /^(npm|pnpm)$/, "prune");
        return prune && words.some((w) => /^(--omit=dev|--production|--prod)$/.test(w) || w === "dev");
      }),
  );
}

/** Whether copying `src` out of the stage takes what the install put there (node_modules, the virtualenv). */
function takesInstall(src: string, tool: string, workdir: string, env: ReadonlyMap<string, string>): boolean {
  const under = (a: string, b: string) => a === b || b.startsWith(a === "/" ? "/" : a + "/");
  let output: string | undefined;
  if (/^npm /.test(tool)) output = joinPosix(workdir, "node_modules");
  else if (tool === "uv sync") output = joinPosix(workdir, env.get("UV_PROJECT_ENVIRONMENT") ?? ".venv");
  if (output) return under(src, output) || under(output, src);
  // poetry: the environment may be in the project, the cache folder or the system site-packages
  return under(src, workdir) || /venv|site-packages|pypoetry|^\/usr\/local\/?$|^\/usr\/local\/lib/.test(src);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-dev-dependencies-in-runtime",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "The production image must not install development dependencies (`--no-dev`, `--only main`, `--omit=dev`).",
    rationale:
      "`uv sync`, `poetry install` and `npm ci` install the development groups by default: test runners, linters, type checkers and their transitive dependencies. " +
      "In a production image they only add size and vulnerabilities. A builder stage counts only when the runtime copies what the install produced (`node_modules`, the virtual environment), not when it copies only built output such as `dist/`; an `npm prune --omit=dev` after the install removes them again. Install with `uv sync --no-dev`, `poetry install --only main` or `npm ci --omit=dev` in the stages that build the runtime image; dev stages and dev Dockerfiles keep everything.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\n",
        good: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
      },
      {
        title: "Builder stages count when the runtime copies their output",
        bad: "FROM node:22-slim AS build\nCOPY package*.json ./\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /node_modules /app/node_modules\n",
        good: "FROM node:22-slim AS build\nCOPY package*.json ./\nRUN npm ci --omit=dev\nFROM node:22-slim\nCOPY --from=build /node_modules /app/node_modules\n",
      },
    ],
    equivalents: [],
    messages: { devDeps: "`{{tool}}` installs development dependencies into the production image; add `{{flag}}`." },
    practice:
      "001 (exclude development dependencies from production), 000 (`uv sync --frozen --no-dev`), 002 (`poetry install --only main`)",
  },
  check({ dockerfile, report }) {
    const final = dockerfile.finalStage;
    if (!final || final.role !== "final") return;
    const lineage = new Set(dockerfile.lineage(final));
    // what the runtime image copies out of other stages: stage -> source paths (absolute)
    const copied = new Map<Stage, string[]>();
    for (const st of lineage) {
      for (const ins of st.instructions) {
        if (ins.keyword !== "COPY") continue;
        const from = dockerfile.flag(ins, "from")?.getValue();
        const src = from ? dockerfile.stageByName(from) : undefined;
        const args = copyArgs(ins);
        if (!src || !args || src.index >= st.index) continue;
        const list = copied.get(src) ?? [];
        // BuildKit resolves a relative `COPY --from` source against the source stage's root, not its WORKDIR
        for (const a of args.sources) list.push(joinPosix("/", a));
        copied.set(src, list);
      }
    }
    for (const stage of contributingStages(dockerfile, final)) {
      if (stage.role === "dev") continue;
      const inImage = [...lineage].some((s) => dockerfile.lineage(s).includes(stage));
      // a stage the runtime only copies from: count it when the copy takes the installed packages (not built output)
      const copies = inImage ? undefined : [...copied].filter(([s]) => dockerfile.lineage(s).includes(stage)).flatMap(([, l]) => l);
      if (!inImage && (!copies || copies.length === 0)) continue;
      for (const ins of stage.instructions) {
        // an ONBUILD RUN installs into images built on this one, not into this one
        const step = runStepOf(dockerfile, ins);
        if (!step || step.onbuild) continue;
        const env = envOf(dockerfile, stage, ins);
        for (const cmd of step.commands) {
          const bad = devInstall(cmd, env);
          if (!bad) continue;
          if (prunedLater(dockerfile, stage, ins, cmd, bad.tool)) continue;
          if (copies && !copies.some((c) => takesInstall(c, bad.tool, workdirAt(dockerfile, stage, ins), env))) continue;
          const p = programOf(cmd);
          const sub = argsOf(cmd).find((w) => !w.value.startsWith("-"));
          const fixes: Fix[] = sub
            ? [
                {
                  title: `Add ${bad.flag}`,
                  safe: false,
                  edits:
                    bad.flag.split(" ").length > 1 && ins.isExecForm && dockerfile.text[sub.start] === '"'
                      ? [
                          {
                            range: dockerfile.lines.rangeOf(sub.end, sub.end),
                            newText: bad.flag
                              .split(" ")
                              .map((f) => `, "${f}"`)
                              .join(""),
                          },
                        ]
                      : [insertArgAfter(dockerfile, ins, sub, bad.flag)],
                },
              ]
            : [];
          report({
            messageId: "devDeps",
            range: dockerfile.lines.rangeOf(cmd.words[p?.index ?? 0]?.start ?? cmd.start, sub?.end ?? cmd.end),
            data: { tool: bad.tool, flag: bad.flag },
            fixes,
          });
        }
      }
    }
  },
});
