import { envOf, insertLines, lineageInstructions, stageLanguage } from "../../analysis/dockerfileFacts";
import { dockerfileRule } from "../../rule";

const WANTED = ["PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"];

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/python-runtime-env",
    category: "reliability",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Python runtime images should set `PYTHONUNBUFFERED=1` and `PYTHONDONTWRITEBYTECODE=1`.",
    rationale:
      "Without `PYTHONUNBUFFERED=1`, Python buffers stdout when it is not a terminal: log lines reach `docker logs` late, and the last ones are lost when the container crashes. " +
      "`PYTHONDONTWRITEBYTECODE=1` stops the interpreter from writing `.pyc` files into the container's writable layer at run time (and fails nothing on read-only file systems).",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      },
    ],
    equivalents: [],
    messages: { missing: "This Python image does not set {{names}}." },
    practice: "001 (ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1), 002 (the same ENV in every stage)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    if (stageLanguage(dockerfile, stage) !== "python") return;
    // only the process the image starts is affected: without CMD/ENTRYPOINT there is nothing to configure yet
    if (!lineageInstructions(dockerfile, stage).some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT")) return;
    const env = envOf(dockerfile, stage);
    const missing = WANTED.filter((n) => env.get(n) === undefined || env.get(n) === "");
    if (missing.length === 0) return;
    const at = { line: stage.from.range.end.line + 1, character: 0 };
    report({
      messageId: "missing",
      range: stage.from.range,
      data: { names: missing.map((n) => `\`${n}=1\``).join(" and ") },
      fixes: [
        {
          title: `Set ${missing.join(" and ")}`,
          safe: false,
          edits: [insertLines(dockerfile, at, [`ENV ${missing.map((n) => `${n}=1`).join(" ")}`])],
        },
      ],
    });
  },
});
