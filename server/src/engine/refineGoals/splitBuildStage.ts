/**
 * Smaller image: split a single-stage Dockerfile that installs build tooling into a builder stage (everything up
 * to the last dependency install, unchanged) and a runtime stage on the same base that repeats what the running
 * container needs (ARG/ENV/WORKDIR/USER, the context copies, users and folders, the system packages without
 * compilers and build systems) and takes the installed dependencies from the builder with `COPY --from`.
 *
 * Only shapes whose result is known are split: where the dependencies land comes from the start check's image
 * simulation (a virtualenv, the system site-packages under /usr/local, node_modules). Anything else — a RUN whose
 * output the runtime may need, an install whose target is unknown (`pip install --user`, Poetry's cache virtualenv),
 * a later step that compiles — is reported as advice and nothing is changed.
 */
import { installedPackages, instructionText, isBuildPackage } from "../analysis/dockerfileFacts";
import { DockerfileModel, type DockerInstruction, type Stage } from "../model/dockerfile";
import { argsOf, programOf, type ShellCommand } from "../model/shell";
import { dirname } from "../paths";
import { simulate } from "../startCheck/image";
import { joinAbs } from "../startCheck/tree";
import type { WorkspaceFs } from "../types";
import type { GoalChangeOutcome } from "./types";

/** Commands that install dependencies (their output is taken from the builder). */
function isDependencyInstall(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  if (!p) return false;
  const args = argsOf(cmd).map((w) => w.value);
  if (/^pip[0-9.]*$/.test(p.name)) return args[0] === "install";
  if (/^python[0-9.]*$/.test(p.name)) return args[0] === "-m" && /^pip$/.test(args[1] ?? "") && args[2] === "install";
  if (p.name === "uv") return args[0] === "sync" || (args[0] === "pip" && args[1] === "install");
  if (p.name === "poetry") return args[0] === "install";
  if (p.name === "npm") return /^(ci|install|i)$/.test(args[0] ?? "");
  if (p.name === "yarn") return args.length === 0 || args[0] === "install";
  if (p.name === "pnpm") return /^(install|i)$/.test(args[0] ?? "");
  return false;
}

/** Commands that may sit beside an install in the same RUN (clean-ups, moving into a folder). */
const BESIDE_INSTALL = /^(rm|cd|true|find)$/;
/** Commands whose effect the runtime needs and which are safe to run again there: users, folders, permissions. */
const REPEATABLE = /^(groupadd|useradd|adduser|addgroup|usermod|mkdir|chown|chmod|ln|true|echo|printf)$/;
/** System package managers (their RUNs are repeated in the runtime without the build packages). */
const OS_PACKAGES = /^(apt-get|apt|apk|rm)$/;
/** Programs that compile or build: a step after the install that runs one needs the tooling the runtime drops. */
const BUILD_PROGRAM = /^(gcc|g\+\+|cc|c\+\+|clang|make|cmake|ninja|cargo|rustc|go|gfortran|pkg-config|autoreconf|\.\/configure)$/;
/** Images that only provide a build tool (uv, Poetry): copied into the builder only, unless the runtime runs it. */
const TOOL_IMAGE = /(^|\/)(astral-sh\/uv|uv|poetry)(:|@|$)/;

export function splitBuildStage(options: { path: string; text: string; fs: WorkspaceFs }): GoalChangeOutcome {
  const title = "Split into a builder stage and a runtime stage";
  const model = new DockerfileModel(options.path, options.text);
  const advice = (message: string, line?: number): GoalChangeOutcome => ({ kind: "advice", title, message, line });
  if (model.stages.length !== 1) return { kind: "none" };
  const stage = model.stages[0] as Stage;
  const ins = stage.instructions;
  const commandsOf = (i: DockerInstruction) => (i.isExecForm ? [] : model.shellCommands(i));
  let last = -1;
  for (let i = 0; i < ins.length; i++) {
    const x = ins[i] as DockerInstruction;
    if (x.keyword === "RUN" && commandsOf(x).some(isDependencyInstall)) last = i;
  }
  if (last < 0) return advice("no dependency install (pip, uv, Poetry, npm) to move into a builder stage was found");
  const name = stage.name ?? "runtime";
  if (name.toLowerCase() === "builder") return advice("the only stage is already named builder");

  // where the installs write, from the image simulation of the original file
  const sim = simulate(model, { dockerfilePath: options.path, context: { dir: dirname(options.path), fs: options.fs } });
  const image = sim.final;
  if (!image) return { kind: "none" };
  const outputs: string[] = [];
  for (const env of image.pythonEnvs) {
    if (env.bare || (env.root === undefined && env.packages.size === 0)) continue;
    if (env.root !== undefined) outputs.push(env.root);
    else if (env.site.startsWith("/usr/local/")) outputs.push("/usr/local");
  }

  const runtime: string[] = [];
  let workdir = "/";
  let user: string | undefined;
  let sawUser = false;
  for (let i = 0; i <= last; i++) {
    const x = ins[i] as DockerInstruction;
    const line = x.range.start.line + 1;
    const text = instructionText(model, x);
    switch (x.keyword) {
      case "ARG":
      case "ENV":
      case "LABEL":
      case "SHELL":
      case "EXPOSE":
      case "STOPSIGNAL":
      case "HEALTHCHECK":
      case "CMD":
      case "ENTRYPOINT":
        runtime.push(text);
        break;
      case "WORKDIR":
        workdir = joinAbs(workdir, x.argsText.trim());
        runtime.push(text);
        break;
      case "USER":
        user = x.argsText.trim();
        sawUser = true;
        runtime.push(text);
        break;
      case "COPY":
      case "ADD": {
        const from = model.flag(x, "from")?.getValue() ?? undefined;
        if (from !== undefined && TOOL_IMAGE.test(from) && !laterRuns(model, ins.slice(last + 1), /^(uv|uvx|poetry)$/)) break;
        runtime.push(text);
        break;
      }
      case "RUN": {
        const cmds = commandsOf(x);
        if (x.isExecForm || cmds.length === 0) return advice(`line ${line}: cannot tell what this RUN makes`, line);
        if (cmds.some(isDependencyInstall)) {
          const other = cmds.find((c) => !isDependencyInstall(c) && !BESIDE_INSTALL.test(programOf(c)?.name ?? ""));
          if (other)
            return advice(
              `line ${line}: the install shares its RUN with \`${programOf(other)?.name}\`, whose output the runtime may need`,
              line,
            );
          for (const c of cmds) {
            const args = argsOf(c).map((w) => w.value);
            if (args.includes("--user"))
              return advice(`line ${line}: \`pip install --user\` writes to the user's home folder; copy it yourself`, line);
            const p = programOf(c)?.name ?? "";
            if (/^(npm|yarn|pnpm)$/.test(p)) outputs.push(joinAbs(workdir, "node_modules"));
          }
          if (image.unknownEffects.some((e) => e.startsWith("poetry install")))
            return advice(
              `line ${line}: Poetry installs into a virtualenv in its cache folder; set POETRY_VIRTUALENVS_IN_PROJECT=true first`,
              line,
            );
          break;
        }
        if (cmds.every((c) => OS_PACKAGES.test(programOf(c)?.name ?? ""))) {
          const kept = withoutBuildPackages(model, stage, x);
          if (kept.unknown)
            return advice(
              `line ${line}: the runtime stage needs the shared library of ${kept.unknown}, whose package name depends on the base's release; split by hand and install only that library in the runtime stage`,
              line,
            );
          if (kept.text !== undefined) runtime.push(kept.text);
          break;
        }
        if (cmds.every((c) => REPEATABLE.test(programOf(c)?.name ?? ""))) {
          runtime.push(text);
          break;
        }
        if (isToolInstaller(cmds)) break;
        return advice(
          `line ${line}: cannot tell whether the runtime needs what this RUN makes (\`${cmds[0] ? programOf(cmds[0])?.name : "?"}\`)`,
          line,
        );
      }
      default:
        return advice(`line ${line}: ${x.keyword} before the dependency install is not split automatically`, line);
    }
  }
  const after = ins.slice(last + 1);
  const compiles = after.find((x) => x.keyword === "RUN" && commandsOf(x).some((c) => BUILD_PROGRAM.test(programOf(c)?.name ?? "")));
  if (compiles) {
    const line = compiles.range.start.line + 1;
    return advice(`line ${line}: this step builds with tooling the runtime stage would no longer have`, line);
  }
  const unique = [...new Set(outputs)];
  if (unique.length === 0) return advice("where the dependencies are installed is not known, so the runtime cannot copy them");
  const chown = sawUser && user !== undefined && !/^(root|0)(:.*)?$/.test(user) ? ` --chown=${user}` : "";
  for (const out of unique) runtime.push(`COPY --from=builder${chown} ${out} ${out}`);
  for (const x of after) runtime.push(instructionText(model, x));

  const eol = model.lines.eol;
  const fromText = instructionText(model, stage.from);
  const fromWithoutName = stage.nameRange
    ? model.text.slice(model.lines.offsetAt(stage.from.range.start), model.lines.offsetAt(stage.nameRange.start)).replace(/\s+AS\s+$/i, "")
    : fromText.trimEnd();
  const head = model.text.slice(0, model.lines.offsetAt(stage.from.range.start));
  const builderEnd = model.lines.offsetAt((ins[last] as DockerInstruction).range.end);
  const builderBody = model.text.slice(model.lines.offsetAt(stage.from.range.end), builderEnd);
  const output =
    head + `${fromWithoutName} AS builder` + builderBody + eol + eol + `${fromWithoutName} AS ${name}` + eol + runtime.join(eol) + eol;
  return { kind: "change", title, text: output };
}

/**
 * The shared library a Debian header package pulls in, for the runtime stage (the same name in bookworm and trixie,
 * the releases the python and node images use). A header package not listed here stops the split: its library's
 * name depends on the release, and a runtime without it fails on import.
 */
const RUNTIME_LIBRARY: Record<string, string> = {
  "libpq-dev": "libpq5",
  "libffi-dev": "libffi8",
  "zlib1g-dev": "zlib1g",
};

/**
 * The RUN's text for the runtime stage: compilers and build systems removed, header packages replaced by their
 * library; `{ text: undefined }` when nothing is left to install, `{ unknown }` for a header package whose library
 * is not known.
 */
function withoutBuildPackages(model: DockerfileModel, stage: Stage, run: DockerInstruction): { text?: string; unknown?: string } {
  const packages = installedPackages(model, stage).filter((p) => p.ins === run);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const p of packages) {
    if (p.manager === "pip" || !isBuildPackage(p.name)) continue;
    if (/-dev(el)?$/.test(p.name)) {
      const lib = p.manager === "apt" ? RUNTIME_LIBRARY[p.name] : undefined;
      if (lib === undefined) return { unknown: p.name };
      edits.push({ start: p.word.start, end: p.word.end, text: lib });
    } else edits.push({ start: p.word.start, end: p.word.end, text: "" });
  }
  if (packages.length > 0 && edits.length === packages.length && edits.every((e) => e.text === "")) return {};
  const start = model.lines.offsetAt(run.range.start);
  let text = instructionText(model, run);
  // from the end so earlier offsets stay valid; a removed word takes the blank before it
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    let from = e.start - start;
    if (e.text === "") while (from > 0 && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
    text = text.slice(0, from) + e.text + text.slice(e.end - start);
  }
  return { text };
}

/** True when a later instruction runs one of the programs (uv kept in the runtime for `uv run`). */
function laterRuns(model: DockerfileModel, after: readonly DockerInstruction[], program: RegExp): boolean {
  for (const x of after) {
    if (x.isExecForm) {
      if (program.test(x.jsonArgs?.[0] ?? "")) return true;
      continue;
    }
    if (!["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"].includes(x.keyword)) continue;
    if (
      x.keyword === "RUN"
        ? model.shellCommands(x).some((c) => program.test(programOf(c)?.name ?? ""))
        : program.test(x.argsText.trim().split(/\s+/)[0] ?? "") || /\b(uv|poetry) run\b/.test(x.argsText)
    )
      return true;
  }
  return false;
}

/** `curl -sSL https://install.python-poetry.org | python3 -`, `pip install uv`: tooling only the builder needs. */
function isToolInstaller(cmds: ShellCommand[]): boolean {
  const text = cmds.map((c) => c.words.map((w) => w.value).join(" ")).join(" ");
  return /install\.python-poetry\.org|astral\.sh\/uv/.test(text);
}
