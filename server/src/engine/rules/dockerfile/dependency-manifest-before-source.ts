import { runStepOf } from "../../analysis/instructions";
import { copiesWholeContext, copyArgs, fixIfPlaced, insertLines, instructionText } from "../../analysis/dockerfileFacts";
import { BUILD_CONTEXT_READS, buildContextOf, contextPresence } from "../../analysis/buildContext";
import type { DockerfileModel, DockerInstruction } from "../../model/dockerfile";
import { argsOf, hasFlag, isInvocation, programOf, type ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

type Ecosystem = "uv" | "poetry" | "pip" | "npm" | "go" | "cargo" | "bundler" | "composer";

/** The dependency install a command performs, with the manifests it reads. */
export function dependencyInstall(cmd: ShellCommand): { ecosystem: Ecosystem; manifests: string[] } | undefined {
  const p = programOf(cmd);
  if (!p) return undefined;
  if (isInvocation(cmd, "uv", "sync")) return { ecosystem: "uv", manifests: ["pyproject.toml", "uv.lock"] };
  if (isInvocation(cmd, "uv", "pip")) {
    const r = requirementFiles(cmd);
    return r.length ? { ecosystem: "pip", manifests: r } : undefined;
  }
  if (isInvocation(cmd, "poetry", "install")) return { ecosystem: "poetry", manifests: ["pyproject.toml", "poetry.lock"] };
  if (/^(pip|pip3)$/.test(p.name) || (/^python[0-9.]*$/.test(p.name) && cmd.words.some((w) => w.value === "pip"))) {
    if (!cmd.words.some((w) => w.value === "install")) return undefined;
    const r = requirementFiles(cmd);
    if (r.length) return { ecosystem: "pip", manifests: r };
    return undefined;
  }
  if (isInvocation(cmd, "go", "mod") && argsOf(cmd).some((w) => w.value === "download"))
    return { ecosystem: "go", manifests: ["go.mod", "go.sum"] };
  if (isInvocation(cmd, "cargo", "fetch")) return { ecosystem: "cargo", manifests: ["Cargo.toml", "Cargo.lock"] };
  if (isInvocation(cmd, "bundle", "install") || (p.name === "bundle" && argsOf(cmd).length === 0))
    return { ecosystem: "bundler", manifests: ["Gemfile", "Gemfile.lock"] };
  if (isInvocation(cmd, /^composer(\.phar)?$/, "install")) return { ecosystem: "composer", manifests: ["composer.json", "composer.lock"] };
  if (/^(npm)$/.test(p.name) && (isInvocation(cmd, "npm", "ci") || isInvocation(cmd, "npm", /^(install|i)$/)))
    return argsOf(cmd).filter((w) => !w.value.startsWith("-")).length === 1
      ? { ecosystem: "npm", manifests: ["package.json", "package-lock.json"] }
      : undefined;
  return undefined;
}

function requirementFiles(cmd: ShellCommand): string[] {
  const args = argsOf(cmd);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as { value: string }).value;
    if ((v === "-r" || v === "--requirement") && args[i + 1]) out.push((args[i + 1] as { value: string }).value);
    else if (v.startsWith("--requirement=")) out.push(v.slice("--requirement=".length));
  }
  return out;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/dependency-manifest-before-source",
    category: "build-speed",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Copy the dependency manifests and install dependencies before copying the source tree.",
    rationale:
      "Docker reuses a cached layer only while everything before it is unchanged. With `COPY . .` before `uv sync` (or `pip install -r`, `poetry install`, `npm ci`), every edit to any source file invalidates the install layer and all dependencies are downloaded and built again. " +
      "Copy only the manifests first (`pyproject.toml uv.lock`, `poetry.lock`, `requirements*.txt`, `package*.json`, `go.mod go.sum`, `Cargo.toml Cargo.lock`, `Gemfile Gemfile.lock`, `composer.json composer.lock`), install (`go mod download`, `cargo fetch`, `bundle install`, `composer install` count as installs), and copy the source afterwards: code changes then rebuild in seconds.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n",
      },
      {
        title: "uv: install the dependencies without the project first",
        bad: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-dev\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev --no-install-project\nCOPY . .\nRUN uv sync --frozen --no-dev\n",
      },
    ],
    equivalents: [],
    reads: [...BUILD_CONTEXT_READS],
    messages: {
      sourceFirst:
        "The source is copied (line {{line}}) before this {{ecosystem}} install, so any code change re-installs every dependency.",
    },
    practice:
      "003 (Anti-patterns: COPY . . first), 004 (Layer Caching), 001 (copy pyproject.toml and uv.lock before source), 000 (uv sync --no-install-project first)",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      let sourceCopy: DockerInstruction | undefined;
      const installedBeforeSource = new Set<Ecosystem>();
      for (const ins of stage.instructions) {
        if (copiesWholeContext(ins) || isSourceDirCopy(ins)) {
          sourceCopy ??= ins;
          continue;
        }
        // an ONBUILD RUN install runs in a later build, after that build's own COPYs
        const step = runStepOf(dockerfile, ins);
        if (!step || step.onbuild) continue;
        const cmds = step.commands;
        for (const cmd of cmds) {
          const dep = dependencyInstall(cmd);
          if (!dep) continue;
          if (!sourceCopy) {
            installedBeforeSource.add(dep.ecosystem);
            continue;
          }
          if (installedBeforeSource.has(dep.ecosystem)) continue;
          installedBeforeSource.add(dep.ecosystem);
          const fixes: Fix[] = [];
          const at = { line: sourceCopy.range.start.line, character: 0 };
          const sources = manifestSources(dockerfile, dep.manifests, lockRequired(cmd));
          const copyLine = `COPY ${(sources ?? []).join(" ")} ./`;
          if (!sources) {
            // a manifest the known build context does not have at its root: no copy to suggest
          } else if (dep.ecosystem === "uv" || dep.ecosystem === "poetry") {
            // install the dependencies alone first; the existing command then installs only the project
            const flag = dep.ecosystem === "uv" ? "--no-install-project" : "--no-root";
            const runText = instructionText(dockerfile, ins);
            const cmdText = dockerfile.text.slice(cmd.start, cmd.end);
            if (cmds.length === 1 && !ins.isExecForm && !hasFlag(cmd, flag)) {
              fixes.push(
                ...fixIfPlaced(
                  { title: `Copy ${sources.join(" and ")} and install dependencies before the source`, safe: false },
                  insertLines(dockerfile, at, [copyLine, runText.replace(cmdText, `${cmdText} ${flag}`)]),
                ),
              );
            }
          } else if (cmds.length === 1 && ["pip", "npm", "go"].includes(dep.ecosystem)) {
            // pip -r / npm ci / go mod download read only the manifests: move the whole RUN up (cargo, bundler and
            // composer may need the sources too: a crate's targets, a gemspec, autoload scripts; no automatic fix)
            fixes.push(
              ...fixIfPlaced(
                { title: `Copy ${sources.join(" and ")} and install before the source`, safe: false },
                insertLines(dockerfile, at, [copyLine, instructionText(dockerfile, ins)]),
                {
                  range: { start: { line: ins.range.start.line, character: 0 }, end: { line: ins.range.end.line + 1, character: 0 } },
                  newText: "",
                },
              ),
            );
          }
          report({
            messageId: "sourceFirst",
            range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
            data: { line: sourceCopy.range.start.line + 1, ecosystem: dep.ecosystem },
            fixes,
          });
        }
      }
    }
  },
});

/** Lockfiles a project may not have (a new project, one without dependencies): the install works without them. */
const LOCKFILES = new Set(["uv.lock", "poetry.lock", "go.sum", "Cargo.lock", "Gemfile.lock", "composer.lock", "package-lock.json"]);

/**
 * What the fix copies before the install: with a known build context, the manifests it has (none when a required
 * one is missing: the copy would fail); without one, a lockfile the Dockerfile never names is copied through a
 * wildcard (`uv.lock*`), which BuildKit accepts when nothing matches, so the fix cannot break the build (unless the
 * command itself needs the lockfile).
 */
function manifestSources(dockerfile: DockerfileModel, manifests: string[], lockRequired: boolean): string[] | undefined {
  const ctx = buildContextOf(dockerfile);
  if (ctx) {
    const present = manifests.filter((m) => contextPresence(ctx, m) === "yes");
    return manifests.every((m) => LOCKFILES.has(m) || present.includes(m)) ? present : undefined;
  }
  return manifests.map((m) => (LOCKFILES.has(m) && !lockRequired && !dockerfile.text.includes(m) ? `${m}*` : m));
}

/** The command fails without its lockfile (`uv sync --frozen`/`--locked`, `npm ci`): the lockfile is certainly there. */
function lockRequired(cmd: ShellCommand): boolean {
  return (isInvocation(cmd, "uv", "sync") && hasFlag(cmd, "--frozen", "--locked")) || isInvocation(cmd, "npm", "ci");
}

/** `COPY src/ src/`, `COPY app ./app`: the application code rather than a manifest. */
function isSourceDirCopy(ins: DockerInstruction): boolean {
  const c = copyArgs(ins);
  if (!c || ins.flags.some((f) => f.getName().toLowerCase() === "from")) return false;
  return c.sources.some((s) => /^(\.\/)?(src|app|lib)\/?$/.test(s));
}
