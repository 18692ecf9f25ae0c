import { runStepOf } from "../../analysis/instructions";
import { cacheFolders, envOf, imageStateAt, isRootUser, lineageInstructions } from "../../analysis/dockerfileFacts";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, hasFlag, isInvocation, programOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

/** Users the base images name, with their ids (docker-library/node's node, distroless' and hardened images' nonroot). */
const KNOWN_UIDS: Record<string, string> = { node: "1000", nonroot: "65532" };

/**
 * The numeric id of the user a RUN runs as: a numeric USER or a `useradd -u N name` earlier in the lineage (certain),
 * or a base image's known user (`certain: false`: another base may give that name another id). A user the Dockerfile
 * creates without `-u` gets an id the system picks: unknown. BuildKit creates a cache mount owned by root: a non-root
 * user can write to it only with `uid=`.
 */
function uidOf(
  model: DockerfileModel,
  stage: Stage,
  before: DockerInstruction,
  user: string,
): { uid: string; certain: boolean } | undefined {
  const name = user.split(":")[0] ?? "";
  if (/^\d+$/.test(name)) return { uid: name, certain: true };
  let uid: string | undefined;
  let created = false;
  for (const ins of lineageInstructions(model, stage)) {
    if (ins === before) break;
    // a RUN of this image (an ONBUILD trigger runs in another build)
    const step = runStepOf(model, ins);
    if (!step || step.onbuild) continue;
    for (const cmd of step.commands) {
      const w = cmd.words.map((x) => x.value);
      if (!/^(useradd|adduser)$/.test((w[0] ?? "").replace(/^.*\//, "")) || w[w.length - 1] !== name) continue;
      created = true;
      for (let i = 1; i < w.length; i++) {
        const m = /^(?:-u|--uid)(?:=(\d+))?$/.exec(w[i] as string);
        if (m) uid = m[1] ?? (/^\d+$/.test(w[i + 1] ?? "") ? w[i + 1] : undefined);
      }
    }
  }
  if (uid !== undefined) return { uid, certain: true };
  const known = created ? undefined : KNOWN_UIDS[name];
  return known === undefined ? undefined : { uid: known, certain: false };
}

interface CacheKind {
  tool: string;
  target: string;
  /** Matches a cache mount target that serves this tool. */
  mount: RegExp;
  /** Environment variables that move the cache or turn it off. */
  envOff: string[];
}

const UV: CacheKind = { tool: "uv", target: "/root/.cache/uv", mount: /\.cache\/uv\b|^\$\{?UV_CACHE_DIR/, envOff: ["UV_NO_CACHE"] };
const PIP: CacheKind = {
  tool: "pip",
  target: "/root/.cache/pip",
  mount: /\.cache\/pip\b|^\$\{?PIP_CACHE_DIR/,
  envOff: ["PIP_NO_CACHE_DIR"],
};
const POETRY: CacheKind = {
  tool: "poetry",
  target: "/root/.cache/pypoetry",
  mount: /\.cache\/pypoetry\b|^\$\{?POETRY_CACHE_DIR/,
  envOff: [],
};
const NPM: CacheKind = { tool: "npm", target: "/root/.npm", mount: /\.npm\b|^\$\{?npm_config_cache/i, envOff: [] };

function cacheKind(cmd: ShellCommand): CacheKind | undefined {
  if (isInvocation(cmd, "uv", "sync") || isInvocation(cmd, "uv", "pip")) return hasFlag(cmd, "--no-cache", "-n") ? undefined : UV;
  const p = programOf(cmd);
  if (!p) return undefined;
  const isPip = /^(pip|pip3)$/.test(p.name) || (/^python[0-9.]*$/.test(p.name) && cmd.words.some((w) => w.value === "pip"));
  if (isPip && cmd.words.some((w) => w.value === "install")) {
    // `--no-cache-dir` is the other accepted answer (hadolint DL3042); a cache mount is the faster one
    return hasFlag(cmd, "--no-cache-dir") ? undefined : PIP;
  }
  if (isInvocation(cmd, "poetry", "install")) return hasFlag(cmd, "--no-cache") ? undefined : POETRY;
  if (isInvocation(cmd, "npm", /^(ci|install|i)$/) && argsOf(cmd).filter((w) => !w.value.startsWith("-")).length === 1) return NPM;
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/uv-cache-mount",
    category: "build-speed",
    defaultSeverity: "hint",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Give `uv sync` / `uv pip install` (and pip, poetry, npm installs) a BuildKit cache mount on the package cache.",
    rationale:
      "When a dependency layer is rebuilt, every package is downloaded again unless the package manager's cache survives between builds. " +
      "A cache mount (`RUN --mount=type=cache,target=/root/.cache/uv uv sync …`) keeps the cache outside the image: rebuilds reuse downloads and built wheels, and the cache never ends up in a layer. " +
      "The same works for pip (`/root/.cache/pip`), Poetry (`/root/.cache/pypoetry`) and npm (`/root/.npm`). Set `UV_LINK_MODE=copy` when the cache and the environment are on different file systems. " +
      "The mount goes where the user the RUN runs as keeps its cache (`/home/appuser/.cache/uv` after `USER appuser`), and BuildKit creates it owned by root: for a non-root user the fix adds `uid=` with that user's id (with no known id it offers no fix).",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
        good: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n",
      },
    ],
    equivalents: [],
    messages: {
      noCache: "`{{tool}}` downloads every package again on each rebuild; add `--mount=type=cache,target={{target}}`.",
    },
    practice: "003 (Review: uv cache mount; the uv Dockerfile pattern), 003 (Refine: faster builds)",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        // RUN and ONBUILD RUN: the trigger downloads everything again in each build that uses this image
        const step = runStepOf(dockerfile, ins);
        if (!step) continue;
        const mounts = step.mounts.map((m) => ({ type: m.type, target: m.target ?? "" }));
        const env = envOf(dockerfile, stage, ins);
        const done = new Set<string>();
        for (const cmd of step.commands) {
          const kind = cacheKind(cmd);
          if (!kind || done.has(kind.tool)) continue;
          if (kind.envOff.some((k) => /^(1|true|yes|off)$/i.test(env.get(k) ?? ""))) continue;
          // where the cache really is: UV_CACHE_DIR, PIP_CACHE_DIR …, or the home of the user the RUN runs as
          // (a trigger runs first thing in a child image: on the state this stage ends with)
          const state = step.onbuild ? imageStateAt(dockerfile, stage) : imageStateAt(dockerfile, stage, ins);
          const target = cacheFolders(state, kind.tool as "uv" | "pip" | "poetry" | "npm")[0] ?? kind.target;
          // a non-root user writes to the mount only when it owns it; with no known id there is no fix to offer
          const nonRoot = state.user !== undefined && !isRootUser(state.user);
          const uid = nonRoot && state.user !== undefined ? uidOf(dockerfile, stage, ins, state.user) : undefined;
          const owner = uid !== undefined ? `,uid=${uid.uid}` : "";
          if (mounts.some((m) => m.type === "cache" && (kind.mount.test(m.target) || m.target.replace(/\/+$/, "") === target))) continue;
          done.add(kind.tool);
          // after `RUN`, before its flags; for a trigger, before its first command when it has no flags of its own
          const firstCommand = step.commands[0];
          const at = step.onbuild
            ? step.mounts.length === 0 && firstCommand
              ? dockerfile.lines.positionAt(firstCommand.start)
              : undefined
            : (ins.flags[0]?.getRange().start ?? ins.argsRange?.start);
          const p = programOf(cmd);
          const first = cmd.words[p?.index ?? 0];
          report({
            messageId: "noCache",
            range: first ? dockerfile.wordRange(first) : ins.keywordRange,
            data: { tool: kind.tool, target },
            // a target is written bare into the flag: one with spaces, commas or quotes cannot be, so no fix
            fixes:
              at && /^\/[^\s,"'=]*$/.test(target) && (!nonRoot || uid !== undefined)
                ? [
                    {
                      title: `Add a cache mount on ${target}`,
                      // pip's other answer is --no-cache-dir (pip-no-cache-dir applies it): a mount beside it would contradict it,
                      // so for pip this stays a suggestion; elsewhere it is safe only when the model knows whose cache it is
                      // and a uid taken from what a base image is known to name its user is a suggestion too
                      safe: kind.tool !== "pip" && state.user !== undefined && (uid === undefined || uid.certain),
                      edits: [{ range: { start: at, end: at }, newText: `--mount=type=cache,target=${target}${owner} ` }],
                    },
                  ]
                : [],
          });
        }
      }
    }
  },
});
