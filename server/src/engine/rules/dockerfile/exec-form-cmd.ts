import { lineageInstructions, stageImageFacts, stageSetsShell } from "../../analysis/dockerfileFacts";
import type { DockerInstruction, DockerfileModel, Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";
import { escapeRegExp } from "../../regex";

/** Characters that only a shell understands: variables, operators, redirections, globs, subshells, comments. */
const SHELL_FEATURES = /[$`|&;<>()*?[\]~#{}!\\]|\n/;

/** The command as JSON words when it can run without a shell, else undefined. */
export function toExecForm(model: DockerfileModel, ins: DockerInstruction): string[] | undefined {
  if (!ins.argsRange) return undefined;
  const raw = model.text.slice(model.lines.offsetAt(ins.argsRange.start), model.lines.offsetAt(ins.argsRange.end));
  const joined = raw.replace(new RegExp(`${escapeRegExp(model.escape)}\\r?\\n\\s*`, "g"), " ").trim();
  if (joined === "" || SHELL_FEATURES.test(joined)) return undefined;
  const cmds = model.shellCommands(ins);
  if (cmds.length !== 1) return undefined;
  const cmd = cmds[0];
  if (!cmd || cmd.assignments.length > 0) return undefined;
  return cmd.words.map((w) => w.value);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/exec-form-cmd",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Write CMD and ENTRYPOINT in the JSON (exec) form so the application receives signals.",
    rationale:
      'The shell form `CMD uvicorn app:app` runs `/bin/sh -c "uvicorn app:app"`: the shell becomes PID 1 and does not pass SIGTERM on, so `docker stop` waits for its timeout and then kills the app without a graceful shutdown. ' +
      'The exec form `CMD ["uvicorn", "app:app"]` starts the program directly. It also works on images without a shell (hardened and distroless runtimes). ' +
      "`HEALTHCHECK CMD` in shell form is reported where the image is known to have no `/bin/sh` (distroless, hardened runtimes, scratch): there the check can never pass. " +
      'When the command really needs a shell (variables, `&&`), keep it explicit: `CMD ["sh", "-c", "exec …"]`.',
    examples: [
      {
        bad: "FROM python:3.13-slim\nCMD uvicorn app.main:app --host 0.0.0.0 --port 8000\n",
        good: 'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
      },
    ],
    equivalents: ["hadolint:DL3025", "buildkit:JSONArgsRecommended"],
    messages: {
      shellForm: "{{keyword}} in shell form runs under `/bin/sh -c`, which does not forward signals; use the JSON form.",
      healthcheckShell:
        "HEALTHCHECK CMD in shell form needs `/bin/sh`, which `{{image}}` does not have: the check always fails. Use the JSON form.",
    },
    practice: "003 (Anti-patterns: shell form CMD; Review: exec form)",
  },
  check({ dockerfile, report }) {
    /** `HEALTHCHECK CMD` in shell form runs `/bin/sh -c`: reported where the image is known to have no shell. */
    const checkHealthcheck = (ins: DockerInstruction, stage: Stage, shellSet: boolean) => {
      // one flag per whitespace-separated word: `(?:\s*--\S+)*` could split a run of dashes in exponentially many ways
      const m = /^(\s*(?:--\S+\s+)*)CMD(\s+)(.*)$/is.exec(ins.argsText);
      if (!m || shellSet || !ins.argsRange) return;
      const command = (m[3] as string).trim();
      if (command === "" || command.startsWith("[")) return;
      const facts = stageImageFacts(dockerfile, stage);
      if (facts.family === "unknown" || facts.hasShell) return;
      const fixes: Fix[] = [];
      // a plain command line without shell syntax can be written as JSON word for word
      if (!/[|&;<>()$`\\"'*?~{}[\]#=]/.test(command) && !command.includes("\n")) {
        const start = dockerfile.lines.offsetAt(ins.argsRange.start) + (m[1] as string).length + 3 + (m[2] as string).length;
        const range = dockerfile.lines.rangeOf(start, dockerfile.lines.offsetAt(ins.argsRange.end));
        fixes.push({
          title: "Convert HEALTHCHECK CMD to the JSON form",
          safe: false,
          edits: [{ range, newText: JSON.stringify(command.split(/\s+/)).replace(/","/g, '", "') }],
        });
      }
      report({ messageId: "healthcheckShell", range: ins.keywordRange, data: { image: stage.image.raw }, fixes });
    };
    for (const stage of dockerfile.stages) {
      // a SHELL set in a parent stage is in the image config too
      let shellSet = stage.parent !== undefined && stageSetsShell(dockerfile, stage.parent);
      for (const ins of stage.instructions) {
        if (ins.keyword === "SHELL") shellSet = true;
        if (ins.keyword === "HEALTHCHECK") {
          checkHealthcheck(ins, stage, shellSet);
          continue;
        }
        if ((ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") || ins.isExecForm || !ins.argsRange) continue;
        // BuildKit does not ask for JSON when the stage chose its own SHELL on purpose
        if (shellSet) continue;
        const fixes: Fix[] = [];
        const words = toExecForm(dockerfile, ins);
        if (words) {
          const lineage = lineageInstructions(dockerfile, stage);
          // an exec-form ENTRYPOINT receives CMD as arguments; a shell-form one ignores it: converting changes meaning
          const safe =
            ins.keyword === "ENTRYPOINT"
              ? !stage.instructions.some((i) => i.keyword === "CMD")
              : !lineage.some((i) => i.keyword === "ENTRYPOINT" && i !== ins);
          fixes.push({
            title: `Convert ${ins.keyword} to the JSON form`,
            safe,
            edits: [{ range: ins.argsRange, newText: JSON.stringify(words).replace(/","/g, '", "') }],
          });
        }
        report({ messageId: "shellForm", range: ins.keywordRange, data: { keyword: ins.keyword }, fixes });
      }
    }
  },
});
