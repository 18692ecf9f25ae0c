import { contributingStages, envOf, insertArgAfter } from "../../analysis/dockerfileFacts";
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

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-dev-dependencies-in-runtime",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    summary: "The production image must not install development dependencies (`--no-dev`, `--only main`, `--omit=dev`).",
    rationale:
      "`uv sync`, `poetry install` and `npm ci` install the development groups by default: test runners, linters, type checkers and their transitive dependencies. " +
      "In a production image they only add size and vulnerabilities. Install with `uv sync --no-dev`, `poetry install --only main` or `npm ci --omit=dev` in the stages that build the runtime image; dev stages and dev Dockerfiles keep everything.",
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
    for (const stage of contributingStages(dockerfile, final)) {
      if (stage.role === "dev") continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== "RUN") continue;
        const env = envOf(dockerfile, stage, ins);
        for (const cmd of dockerfile.shellCommands(ins)) {
          const bad = devInstall(cmd, env);
          if (!bad) continue;
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
