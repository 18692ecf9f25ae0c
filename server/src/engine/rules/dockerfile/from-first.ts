import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/from-first",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build stops: no instruction other than ARG may come before the first FROM.",
    fixable: false,
    summary: "A Dockerfile starts with FROM; only ARG, comments and parser directives may come before it.",
    rationale:
      "Every instruction other than ARG belongs to a build stage, and stages begin with FROM. An instruction before the first FROM has no stage to run in, so the build stops with an error.",
    examples: [
      {
        bad: "ENV APP_HOME=/app\nFROM python:3.13-slim\n",
        good: "FROM python:3.13-slim\nENV APP_HOME=/app\n",
      },
    ],
    equivalents: ["hadolint:DL3061"],
    messages: { beforeFrom: "`{{keyword}}` before the first FROM: only ARG may come before FROM." },
    practice: "hadolint DL3061",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword === "FROM") break;
      if (ins.keyword === "ARG") continue;
      report({ messageId: "beforeFrom", range: ins.keywordRange, data: { keyword: ins.keyword } });
    }
  },
});
