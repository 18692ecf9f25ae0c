import { imageStateAt, jsonStrings } from "../../analysis/dockerfileFacts";
import { parseShell, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";
import type { Fix } from "../../types";

/** Words that end a compound command: the last "command" is then a block the reader does not follow. */
const BLOCK_END = /^(fi|done|esac|\}|\))$/;
/** Builtins that `exec` cannot run. */
const BUILTINS = new Set(["cd", "wait", "export", "set", "trap", "true", "false", ":", "echo", "printf", "read", "eval", "source", "."]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/shell-wrapper-exec",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary:
      'In `["sh", "-c", "a && b"]` on a Debian or Ubuntu base, start the last command with `exec`: dash stays PID 1 and does not forward signals.',
    rationale:
      "`/bin/sh` on Debian and Ubuntu images (and so on `python:*-slim`, `node:*-slim`, `nginx` …) is dash. Given a list of commands with `-c`, dash runs the last one as a child and stays PID 1 itself; " +
      "PID 1 ignores SIGTERM unless it installs a handler, so `docker stop` waits out its timeout and then kills the container, and the application never shuts down cleanly. " +
      "Writing `exec` before the last command replaces the shell with it. BusyBox sh (Alpine) and bash (Red Hat UBI) replace themselves with the last command on their own, " +
      "so the rule speaks only where the model knows the shell is dash: an explicit `dash`, or `sh` on a Debian-family base. A single command, a script that sets a `trap`, and a list ending in a block are left alone.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCMD ["sh", "-c", "alembic upgrade head && uvicorn app.main:app --host 0.0.0.0"]\n',
        good: 'FROM python:3.13-slim\nCMD ["sh", "-c", "alembic upgrade head && exec uvicorn app.main:app --host 0.0.0.0"]\n',
      },
    ],
    equivalents: [],
    messages: {
      noExec:
        "dash (`/bin/sh` on this Debian-family image) stays PID 1 while `{{program}}` runs, so `docker stop` signals never reach it; write `exec {{program}}`.",
    },
    practice: "004 (Anti-patterns: signals not forwarded), 002 (entrypoint ends with `exec`)",
  },
  check({ dockerfile, report }) {
    const text = (r: Range) => dockerfile.text.slice(dockerfile.lines.offsetAt(r.start), dockerfile.lines.offsetAt(r.end));
    for (const stage of dockerfile.stages) {
      for (const ins of stage.instructions) {
        if ((ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") || !ins.isExecForm) continue;
        const args = jsonStrings(ins);
        const shell = /(^|\/)(sh|dash)$/.exec(args[0]?.value ?? "")?.[2];
        if (!shell || args[1]?.value !== "-c" || args.length !== 3) continue;
        const script = args[2] as { value: string; range: Range };
        if (shell === "sh") {
          const state = imageStateAt(dockerfile, stage);
          if (state.baseFromArg || state.base.known.family !== "debian") continue;
        }
        const commands = parseShell(script.value);
        if (commands.length < 2 || /\btrap\b/.test(script.value)) continue;
        // a list: the last command runs after `&&`, `||`, `;` or a newline (pipelines and background jobs are another matter)
        const last = commands[commands.length - 1];
        if (!last || !["&&", "||", ";", "\n"].includes(last.before ?? "")) continue;
        if (commands.some((c) => c.words.some((w) => w.unterminated))) continue;
        const p = programOf(last);
        const first = last.words[0];
        if (!p || !first || first.value === "exec" || BLOCK_END.test(first.value)) continue;
        if (commands.some((c) => c.words.some((w) => BLOCK_END.test(w.value) && !w.quoted))) continue;
        const fixes: Fix[] = [];
        // the edit lands inside the JSON string: only where it is written without escapes, so offsets match
        if (!BUILTINS.has(p.name) && text(script.range) === JSON.stringify(script.value) && last.assignments.length === 0) {
          const at = dockerfile.lines.positionAt(dockerfile.lines.offsetAt(script.range.start) + 1 + first.start);
          fixes.push({ title: `Start ${p.name} with exec`, safe: false, edits: [{ range: { start: at, end: at }, newText: "exec " }] });
        }
        report({ messageId: "noExec", range: script.range, data: { program: p.name }, fixes });
      }
    }
  },
});
