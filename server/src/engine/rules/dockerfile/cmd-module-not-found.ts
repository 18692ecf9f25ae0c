import { runStepOf } from "../../analysis/instructions";
import { jsonStrings } from "../../analysis/dockerfileFacts";
import type { DockerfileModel, DockerInstruction } from "../../model/dockerfile";
import { basename, dirname, join } from "../../paths";
import { escapeRegExp } from "../../regex";
import { dockerfileRule } from "../../rule";
import { checkStart } from "../../startCheck";
import type { StartReport } from "../../startCheck";
import type { Range } from "../../text";
import type { Fix } from "../../types";

/** Bigger files are not simulated (the simulation copies a stage's files for each stage built on it). */
const MAX_INSTRUCTIONS = 1_500;
/**
 * The build context is walked on every lint of the Dockerfile: past this many files the rule stays quiet (the walk
 * costs about 25 ms per 1,000 files on a local disk).
 */
const MAX_CONTEXT_FILES = 1_000;
/** Files a Python project's build context holds at its root: without one, the folder is not the context. */
const PROJECT_MARKERS = /^(pyproject\.toml|setup\.py|setup\.cfg|requirements[\w.-]*\.txt|Pipfile|manage\.py)$/;
/** Commands that name a Python module, app or script (cheap test before the simulation). */
const PYTHON_COMMAND = /\b(python[0-9.]*|uvicorn|gunicorn|hypercorn|dagster(-webserver)?)\b/;
/** The servers' own packages: whether they are installed is the lockfile's business, not this rule's. */
const TOOL_MODULES = /^(uvicorn|gunicorn|hypercorn|dagster|dagster_webserver|streamlit)$/;
/** The text the simulation reads (what it installs from); other files are only listed. */
const READS = ["*.toml", "*.lock", "*.txt", "*.in"];

function readsText(name: string): boolean {
  return /\.(toml|lock|txt|in)$/.test(name);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/cmd-module-not-found",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "The Python module or script that CMD or ENTRYPOINT runs must be in the image as the Dockerfile copies it.",
    rationale:
      "`uvicorn app.main:app`, `gunicorn app.wsgi`, `python -m app` and `python app.py` import from the working folder, `PYTHONPATH` and the installed packages. " +
      "When the Dockerfile copies the source somewhere else (`COPY src/ /app/src/` while the command names `main:app`), or copies only part of it, the build succeeds and the container exits at start with `ModuleNotFoundError` or `No such file`. " +
      "The rule builds the image's files from the Dockerfile and the build context (the Dockerfile's folder, with `.dockerignore` applied, as the start check does) and follows Python's import rules. " +
      "It stays quiet when it cannot know: the folder has no Python project files (so it is not the build context) or more than 1,000 files after `.dockerignore` (it is read on every lint), a step of the build fails or runs a command whose files are unknown, local code is pip-installed into site-packages, or the name could be a third-party package. " +
      "It is a warning, not an error, because the build context may be another folder (a compose `context:`) where the module is.",
    examples: [
      {
        title: "the source is copied to /app/src, the command imports main from /app",
        bad: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ ./src/\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n',
        good: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ ./src/\nCMD ["uvicorn", "main:app", "--app-dir", "src", "--host", "0.0.0.0"]\n',
        files: { "requirements.txt": "fastapi\nuvicorn\n", "src/main.py": "app = object()\n" },
      },
    ],
    equivalents: [],
    messages: {
      module:
        "`{{name}}` cannot be imported in the image: it is not found from {{workdir}} (the working folder), PYTHONPATH or the installed packages.",
      script: "`{{name}}` is not in the image as this Dockerfile copies the build context.",
    },
    reads: READS,
    practice:
      "002 and 001 (`uvicorn src.main:app`: the module path follows where the source is copied and the working folder), issue 12 (generated images whose CMD module could not be imported)",
  },
  check({ dockerfile, fs, path, report }) {
    if (dockerfile.instructions.length > MAX_INSTRUCTIONS || dockerfile.stages.length === 0) return;
    const commands = dockerfile.instructions.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    if (!commands.some((i) => PYTHON_COMMAND.test(i.argsText))) return;
    const dir = dirname(path);
    if (!fs.readDir(dir).some((n) => PROJECT_MARKERS.test(n))) return;
    let result: StartReport;
    try {
      // the start check parses the same text again: its instructions' ranges are this file's ranges
      result = checkStart({ dockerfilePath: path, text: dockerfile.text, fs, readText: readsText, maxContextFiles: MAX_CONTEXT_FILES });
    } catch {
      return;
    }
    const sim = result.simulation;
    // a build step that fails as modelled means the real context differs from this folder: quiet
    if (sim.problems.length > 0 || sim.context.truncated || !sim.final) return;
    const workdir = sim.final.workdir;
    const local = installsLocalCode(dockerfile, sim);
    for (const f of result.findings) {
      if (f.check !== "module" || f.target?.missing !== "module" || !f.ins) continue;
      // unsure only because of the base's site-packages: the project's own module, unless the build installs local code
      if (f.status !== "fail" && !(f.status === "unknown" && f.target.onlyInstalled && !local)) continue;
      const t = f.target;
      if (t.kind !== "file" && TOOL_MODULES.test(t.name)) continue;
      const word = wordRange(dockerfile, f.ins, t.kind === "file" ? basename(t.name) : t.name);
      if (t.kind === "file") {
        report({ messageId: "script", range: word ?? f.ins.range, data: { name: t.name } });
        continue;
      }
      report({
        messageId: "module",
        range: word ?? f.ins.range,
        data: { name: t.name, workdir },
        fixes: t.kind === "app" ? appDirFix(dockerfile, f.ins, t.name, sim) : [],
      });
    }
  },
});

/** The range of the command word that names the module or script (exec form: the JSON string; shell form: the word). */
function wordRange(model: DockerfileModel, ins: DockerInstruction, name: string): Range | undefined {
  if (ins.isExecForm) {
    const s = jsonStrings(ins).find((j) => j.value === name || j.value.startsWith(`${name}:`) || j.value.endsWith(`/${name}`));
    return s?.range;
  }
  const start = ins.argsRange ? model.lines.offsetAt(ins.argsRange.start) : undefined;
  if (start === undefined) return undefined;
  const argText = model.text.slice(start, model.lines.offsetAt(ins.range.end));
  const m = new RegExp(`(^|\\s)(\\S*${escapeRegExp(name)}\\S*)`).exec(argText);
  if (!m) return undefined;
  const at = start + m.index + (m[1] ?? "").length;
  return model.lines.rangeOf(at, at + (m[2] ?? "").length);
}

/**
 * uvicorn only: when exactly one folder under the working folder holds the module (`src/main.py` for `main`),
 * `--app-dir <folder>` puts it first on sys.path. A suggestion: relative paths the app opens still resolve from
 * the working folder, but its own imports now resolve from that folder too.
 */
function appDirFix(model: DockerfileModel, ins: DockerInstruction, name: string, sim: StartReport["simulation"]): Fix[] {
  const image = sim.final;
  if (!image) return [];
  const argv = ins.isExecForm ? (ins.jsonArgs ?? []) : ins.argsText.trim().split(/\s+/);
  if (basename(argv[0] ?? "") !== "uvicorn" || argv.some((a) => a === "--app-dir" || a.startsWith("--app-dir="))) return [];
  const rel = name.split(".").join("/");
  const prefix = image.workdir === "/" ? "/" : `${image.workdir}/`;
  const homes: string[] = [];
  for (const [p, node] of image.tree.nodes) {
    if (node.kind !== "file" || !p.startsWith(prefix) || p.includes("/site-packages/")) continue;
    for (const tail of [`/${rel}.py`, `/${rel}/__init__.py`]) {
      if (!p.endsWith(tail)) continue;
      const home = p.slice(0, p.length - tail.length);
      if (home.length > image.workdir.length && !homes.includes(home)) homes.push(home);
    }
    if (homes.length > 1) return [];
  }
  if (homes.length !== 1) return [];
  const appDir = (homes[0] as string).slice(prefix.length);
  if (!/^[\w./-]+$/.test(appDir)) return [];
  if (ins.isExecForm) {
    const first = jsonStrings(ins)[0];
    if (!first) return [];
    return [
      {
        title: `Add --app-dir ${appDir} (the module is in ${join(image.workdir, appDir)})`,
        safe: false,
        edits: [{ range: { start: first.range.end, end: first.range.end }, newText: `, "--app-dir", "${appDir}"` }],
      },
    ];
  }
  const start = ins.argsRange ? model.lines.offsetAt(ins.argsRange.start) : undefined;
  if (start === undefined) return [];
  const text = model.text.slice(start);
  const m = /^\s*\S+/.exec(text);
  if (!m || !/(^|\/)uvicorn$/.test(m[0].trim())) return [];
  const at = model.lines.positionAt(start + m[0].length);
  return [
    {
      title: `Add --app-dir ${appDir} (the module is in ${join(image.workdir, appDir)})`,
      safe: false,
      edits: [{ range: { start: at, end: at }, newText: ` --app-dir ${appDir}` }],
    },
  ];
}

/**
 * True when a pip install could put the project's own code into site-packages: a local path or VCS URL on the
 * command line (`pip install .`, `-e ./src`) or in a requirements file it reads.
 */
function installsLocalCode(model: DockerfileModel, sim: StartReport["simulation"]): boolean {
  const localSpec = (s: string) => /^(\.|\/|~|-e(\s|$)|--editable|file:|git\+|hg\+|svn\+|bzr\+|https?:)/.test(s);
  for (const ins of model.instructions) {
    // what this image installs: an ONBUILD RUN installs in images built on it
    const step = runStepOf(model, ins);
    if (!step || step.onbuild) continue;
    const words = ins.isExecForm ? (ins.jsonArgs ?? []) : step.commands.flatMap((c) => c.words.map((w) => w.value));
    const at = words.indexOf("install");
    if (at < 0 || !words.slice(0, at).some((w) => /(^|\/)pip[0-9.]*$|^pip$/.test(w))) continue;
    const args = words.slice(at + 1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "-r" || a === "--requirement" || a === "-c" || a === "--constraint") {
        const file = args[++i] ?? "";
        const text = requirementsText(sim, file);
        if (text === undefined) return true;
        if (text.split(/\r?\n/).some((line) => localSpec(line.trim()))) return true;
        continue;
      }
      if (localSpec(a)) return true;
    }
  }
  return false;
}

/** A requirements file's text as copied into the image (looked up under every folder it may have been copied to). */
function requirementsText(sim: StartReport["simulation"], file: string): string | undefined {
  const name = basename(file);
  for (const [p, node] of sim.context.nodes) if (node.kind === "file" && basename(p) === name) return node.text;
  return undefined;
}
