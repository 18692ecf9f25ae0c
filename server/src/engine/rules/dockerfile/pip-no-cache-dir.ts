import { runSteps } from "../../analysis/instructions";
import { commandName, hasCacheOrTmpfsMountWith, insertAfter } from "../../analysis/runCommands";
import type { DockerfileModel, DockerInstruction, Stage } from "../../model/dockerfile";
import { argsOf, type ShellCommand, type ShellWord } from "../../model/shell";
import { cacheFolders, imageStateAt, layersShip } from "../../analysis/dockerfileFacts";
import { dockerfileRule } from "../../rule";

const TRUTHY = /^(1|true|on|yes)$/i;

/** The `install` word of a `pip install` / `python -m pip install`, skipping pipx and pipenv. */
function pipInstallWord(cmd: ShellCommand): ShellWord | undefined {
  const name = commandName(cmd);
  if (name === undefined) return undefined;
  const args = argsOf(cmd);
  if (name.startsWith("pip") && !name.startsWith("pipenv") && !name.includes("pipx")) {
    return args.find((w) => w.value === "install");
  }
  if (name.startsWith("python")) {
    for (let i = 0; i + 2 < args.length; i++) {
      if (args[i]?.value === "-m" && args[i + 1]?.value === "pip" && args[i + 2]?.value === "install") return args[i + 2];
    }
  }
  return undefined;
}

/** Where each stage sets PIP_NO_CACHE_DIR to a true value (first line), computed once per file. */
const envLines = new WeakMap<DockerfileModel, Map<Stage, number>>();

/** ENV PIP_NO_CACHE_DIR=<truthy> earlier in the stage or in a stage it builds on. */
function envDisablesCache(dockerfile: DockerfileModel, run: DockerInstruction): boolean {
  if (!run.stage) {
    // a fragment without FROM: the ENV instructions above it
    const before = dockerfile.instructions.slice(0, dockerfile.instructions.indexOf(run));
    return before.some(
      (ins) =>
        ins.keyword === "ENV" &&
        (ins.ast as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] })
          .getProperties()
          .some((p) => p.getName() === "PIP_NO_CACHE_DIR" && TRUTHY.test(p.getValue() ?? "")),
    );
  }
  let lines = envLines.get(dockerfile);
  if (!lines) {
    lines = new Map();
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ENV" || !ins.stage || lines.has(ins.stage)) continue;
      const props = (ins.ast as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
      if (props.some((p) => p.getName() === "PIP_NO_CACHE_DIR" && TRUTHY.test(p.getValue() ?? "")))
        lines.set(ins.stage, ins.range.start.line);
    }
    envLines.set(dockerfile, lines);
  }
  const found = lines;
  return dockerfile.lineage(run.stage).some((s) => {
    const at = found.get(s);
    return at !== undefined && (s !== run.stage || at < run.range.start.line);
  });
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/pip-no-cache-dir",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Run `pip install` with `--no-cache-dir` (or a cache mount on pip's cache).",
    rationale:
      "pip keeps every wheel it downloads under `~/.cache/pip`. In an image that cache is never reused, but it is committed into the layer and can add hundreds of megabytes. Pass `--no-cache-dir`, set `PIP_NO_CACHE_DIR=1`, or better, mount a build cache on `/root/.cache/pip` so rebuilds stay fast and the image stays small. Only stages the final image is built from are reported: a builder stage that is only copied from (and the stages it builds on) throws its layers away, cache included.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN pip install requests==2.32.3\n",
        good: "FROM python:3.13-slim\nRUN pip install --no-cache-dir requests==2.32.3\n",
      },
      {
        title: "a cache mount satisfies the rule",
        bad: "FROM python:3.13-slim\nRUN python -m pip install -r requirements.txt\n",
        good: "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip python -m pip install -r requirements.txt\n",
      },
    ],
    equivalents: ["hadolint:DL3042"],
    messages: { noCacheDir: "`pip install` without `--no-cache-dir` leaves pip's download cache in the layer." },
    practice: "hadolint DL3042",
  },
  check({ dockerfile, report }) {
    for (const { ins, commands, onbuild } of runSteps(dockerfile)) {
      // a builder stage only copied from throws its layers away, cache included
      if (!layersShip(dockerfile, ins)) continue;
      if (hasCacheOrTmpfsMountWith(ins, ".cache/pip")) continue;
      // a cache mount on the folder pip really uses (PIP_CACHE_DIR, the RUN user's home) keeps the cache out of the layer
      const pipCache = ins.stage && !onbuild ? cacheFolders(imageStateAt(dockerfile, ins.stage, ins), "pip")[0] : undefined;
      if (pipCache && hasCacheOrTmpfsMountWith(ins, pipCache)) continue;
      if (/PIP_NO_CACHE_DIR=["']?(1|true|on|yes)\b/i.test(ins.argsText)) continue;
      let envChecked: boolean | undefined;
      for (const cmd of commands) {
        const install = pipInstallWord(cmd);
        if (!install || argsOf(cmd).some((w) => w.value === "--no-cache-dir")) continue;
        envChecked ??= envDisablesCache(dockerfile, ins);
        if (envChecked) break;
        report({
          messageId: "noCacheDir",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          fixes: [{ title: "Add --no-cache-dir", safe: true, edits: [insertAfter(dockerfile, install, " --no-cache-dir")] }],
        });
      }
    }
  },
});
