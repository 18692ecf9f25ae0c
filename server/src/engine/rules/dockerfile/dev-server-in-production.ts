import { envOf, lineageInstructions } from "../../analysis/dockerfileFacts";
import { detectServerFramework } from "../../analysis/python";
import type { DockerfileModel } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";
import { escapeRegExp } from "../../regex";

const DEBUG_ENV: Record<string, RegExp> = {
  FLASK_DEBUG: /^(1|true)$/i,
  FLASK_ENV: /^development$/i,
  DJANGO_DEBUG: /^(1|true)$/i,
  DEBUG: /^(1|true)$/i,
  NODE_ENV: /^development$/i,
};

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/dev-server-in-production",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary:
      "The production stage must not start a development server (`--reload`, `dagster dev`, `flask run`, `manage.py runserver`) or enable debug mode.",
    rationale:
      "Development servers trade safety for convenience: `--reload` watches the file system and restarts on change, `flask run` and `manage.py runserver` are single-process servers their authors say not to deploy, and `dagster dev` runs webserver, daemon and code in one process with temporary storage. " +
      "Debug flags expose stack traces and interactive debuggers. Keep them in a dev stage or a dev Dockerfile and a compose override; the production stage runs the real server.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--reload"]\n',
        good: 'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
      },
      {
        title: "`dagster dev` belongs in the dev Dockerfile",
        bad: 'FROM python:3.13-slim\nCMD ["dagster", "dev", "-h", "0.0.0.0", "-p", "3000"]\n',
        good: 'FROM python:3.13-slim\nCMD ["dagster-webserver", "-h", "0.0.0.0", "-p", "3000", "-w", "workspace.yaml"]\n',
      },
    ],
    equivalents: [],
    messages: {
      devServer: "`{{what}}` is a development server setting; the production stage should not use it.",
      debugEnv: "`{{name}}={{value}}` turns on debug mode in the production image.",
    },
    practice:
      "000 (dev images run `dagster dev`, production does not), 003 (compose: reload belongs in the dev override), 002 (Dockerfile.dev runs with --reload)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    const lineage = lineageInstructions(dockerfile, stage);
    const last = (k: string) => lineage.filter((i) => i.keyword === k).pop();
    for (const ins of [last("ENTRYPOINT"), last("CMD")]) {
      if (!ins) continue;
      const cmds = dockerfile.shellCommands(ins);
      const server = detectServerFramework(cmds.map((c) => c.words.map((w) => w.value)));
      if (!server?.devServer) continue;
      report({
        messageId: "devServer",
        range: ins.range,
        data: { what: server.devServer },
        fixes: fixFor(dockerfile, server.devServer, cmds),
      });
    }
    const env = envOf(dockerfile, stage);
    for (const [name, re] of Object.entries(DEBUG_ENV)) {
      const value = env.get(name);
      if (value === undefined || !re.test(value)) continue;
      const ins = lineage.filter((i) => i.keyword === "ENV" && new RegExp(`(^|\\s)${escapeRegExp(name)}[=\\s]`).test(i.argsText)).pop();
      if (ins) report({ messageId: "debugEnv", range: ins.range, data: { name, value } });
    }
  },
});

function fixFor(dockerfile: DockerfileModel, dev: string, cmds: { words: { value: string; start: number; end: number }[] }[]): Fix[] {
  const text = dockerfile.text;
  const words = cmds.flatMap((c) => c.words);
  if (dev === "--reload") {
    const w = words.find((x) => x.value === "--reload");
    if (!w) return [];
    // remove the word and the separator before it (`, "--reload"` in JSON, ` --reload` in a shell command)
    let start = w.start;
    if (text[w.start] === '"') {
      const comma = text.lastIndexOf(",", start);
      if (comma >= 0) start = comma;
    } else {
      while (start > 0 && text[start - 1] === " ") start--;
    }
    return [{ title: "Remove --reload", safe: false, edits: [{ range: dockerfile.lines.rangeOf(start, w.end), newText: "" }] }];
  }
  if (dev === "fastapi dev") {
    const w = words.find((x) => x.value === "dev");
    if (!w) return [];
    const quoted = text[w.start] === '"';
    return [
      {
        title: "Use `fastapi run`",
        safe: false,
        edits: [{ range: dockerfile.lines.rangeOf(w.start, w.end), newText: quoted ? '"run"' : "run" }],
      },
    ];
  }
  return [];
}
