import { copyArgs, joinPosix, lineageInstructions, workdirAt } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, DockerfileModel, Stage } from "../../model/dockerfile";
import { parseShell, type ShellCommand } from "../../model/shell";
import { dirname, join } from "../../paths";
import { dockerfileRule } from "../../rule";
import { LineIndex } from "../../text";
import type { Fix, WorkspaceFs } from "../../types";

/** The workspace file an ENTRYPOINT script was copied from, with its path in the image. */
function scriptSource(
  model: DockerfileModel,
  stage: Stage,
  ins: DockerInstruction,
  imagePath: string,
  fs: WorkspaceFs,
): { path: string; text: string } | undefined {
  let found: string | undefined;
  for (const i of lineageInstructions(model, stage)) {
    if (i === ins) break;
    const c = copyArgs(i);
    if (!c || model.flag(i, "from")) continue;
    const owner = model.lineage(stage).find((s) => s.instructions.includes(i)) ?? stage;
    const dest = joinPosix(workdirAt(model, owner, i), c.dest);
    for (const src of c.sources) {
      const name = src.slice(src.replace(/\/+$/, "").lastIndexOf("/") + 1);
      if (
        dest === imagePath ||
        (c.dest.endsWith("/") && joinPosix(dest, name) === imagePath) ||
        (c.sources.length > 1 && joinPosix(dest, name) === imagePath)
      )
        found = src;
      else if (c.dest.endsWith("/") || c.dest === "." || c.dest === "./") {
        // a folder copied whole: `COPY docker/ /scripts/`
        const rest = imagePath.startsWith(dest + "/") ? imagePath.slice(dest.length + 1) : undefined;
        if (rest && !/[*?]/.test(src) && !src.includes(".")) found = `${src.replace(/\/+$/, "")}/${rest}`;
      }
    }
  }
  if (!found) return undefined;
  // the context is the Dockerfile's folder or one of its parents
  let d = dirname(model.path);
  for (let k = 0; k < 6; k++) {
    const p = join(d, found);
    const text = fs.readFile(p);
    if (text !== undefined) return { path: p, text };
    if (d === "/" || dirname(d) === d) break;
    d = dirname(d);
  }
  return undefined;
}

const PATH_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

function isExecOfArgs(c: ShellCommand): boolean {
  return c.words[0]?.value === "exec" && c.words.some((w) => w.value === "$@" || w.value === "${@}");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/entrypoint-execs-command",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: 'An ENTRYPOINT shell script should end with `exec "$@"` so CMD runs as PID 1 and receives signals.',
    rationale:
      "An entrypoint script usually prepares something (waits for the database, runs migrations) and then starts the real command given by CMD. " +
      'Ending with `exec "$@"` replaces the shell with that command: it receives SIGTERM from `docker stop` and its exit code becomes the container\'s. ' +
      'Without `exec`, the shell stays PID 1 and swallows signals; without `"$@"`, the CMD is ignored altogether. ' +
      "A script that ends by exec-ing its own program (`exec cron -f`, `exec nginx -g 'daemon off;'`) is not reported when it reads its arguments some other way or the image has no CMD.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n',
        good: 'FROM python:3.13-slim\nCOPY docker/start.sh /start.sh\nENTRYPOINT ["/start.sh"]\nCMD ["uvicorn", "app:app"]\n',
        files: {
          "docker/entrypoint.sh": '#!/bin/sh\nset -e\nalembic upgrade head\n"$@"\n',
          "docker/start.sh": '#!/bin/sh\nset -e\nalembic upgrade head\nexec "$@"\n',
        },
      },
    ],
    equivalents: [],
    messages: {
      noExec: '`{{script}}` runs the command without `exec`: the shell stays PID 1 and does not forward signals; end it with `exec "$@"`.',
      noArgs: '`{{script}}` never runs the CMD it is given; end it with `exec "$@"`.',
    },
    reads: ["*.sh", "*entrypoint*"],
    practice: '002 (docker/entrypoint.sh ends with `exec "$@"`)',
  },
  check({ dockerfile, fs, report }) {
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== "ENTRYPOINT") continue;
        const cmds = dockerfile.shellCommands(ins);
        const words = cmds[0]?.words ?? [];
        let k = 0;
        if (/(^|\/)(ba|da)?sh$/.test(words[0]?.value ?? "") && words[1] && !words[1].value.startsWith("-")) k = 1;
        const word = words[k];
        if (!word || !/\.(sh|bash)$|entrypoint/i.test(word.value)) continue;
        // a bare name (`docker-entrypoint.sh`) is looked up on PATH by the exec form
        const candidates = [joinPosix(workdirAt(dockerfile, stage, ins), word.value)];
        if (!word.value.includes("/")) for (const dir of PATH_DIRS) candidates.push(`${dir}/${word.value}`);
        let src: { path: string; text: string } | undefined;
        for (const imagePath of candidates) {
          src = scriptSource(dockerfile, stage, ins, imagePath, fs);
          if (src) break;
        }
        if (!src) continue;
        const firstLine = src.text.split(/\r?\n/, 1)[0] ?? "";
        if (firstLine.startsWith("#!") && !/\b(sh|bash|dash|ash|zsh)\b/.test(firstLine)) continue;
        const script = parseShell(src.text);
        const last = script[script.length - 1];
        if (!last) continue;
        if (isExecOfArgs(last)) continue;
        // ends in a block (`fi`, `esac`): accept an `exec "$@"` inside it
        if (/^(fi|esac|done|})$/.test(last.words[0]?.value ?? "") && script.some(isExecOfArgs)) continue;
        const usesArgs = script.some((c) => c.words.some((w) => w.value === "$@" || w.value === "${@}"));
        // ends by exec-ing another program (`exec cron -f`): the shell is replaced, so signals reach it; the
        // arguments were read as data (usesArgs), or there is no CMD to ignore
        if (last.words[0]?.value === "exec" && last.words.length > 1) {
          const hasCmd = lineageInstructions(dockerfile, stage).some((i) => i.keyword === "CMD");
          if (usesArgs || !hasCmd) continue;
        }
        const lines = new LineIndex(src.text);
        const eol = lines.eol;
        const fixes: Fix[] = [];
        // text added after an unterminated quote or expansion, or after a trailing `\`, would not be a command of its own
        const incomplete = script.some((c) => c.words.some((w) => w.unterminated)) || /\\\s*$/.test(src.text);
        if (incomplete) {
          // no fix: the finding still stands
        } else if (last.words.length > 0 && (last.words[0]?.value === "$@" || last.words[0]?.value === "${@}")) {
          const at = lines.positionAt(last.start);
          fixes.push({
            title: 'Run the command with exec "$@"',
            safe: true,
            edits: [],
            changes: [{ path: src.path, edits: [{ range: { start: at, end: at }, newText: "exec " }] }],
          });
        } else if (!usesArgs && last.words[0]?.value !== "exec") {
          const end = lines.positionAt(src.text.length);
          const newText = (/\n$/.test(src.text) ? "" : eol) + `exec "$@"${eol}`;
          fixes.push({
            title: 'Append exec "$@"',
            safe: false,
            edits: [],
            changes: [{ path: src.path, edits: [{ range: { start: end, end }, newText }] }],
          });
        }
        report({
          messageId: usesArgs ? "noExec" : "noArgs",
          range: dockerfile.wordRange(word),
          data: { script: word.value },
          fixes,
        });
      }
    }
  },
});
