import { dockerfileRule } from "../../rule";

const FORBIDDEN = new Set(["ONBUILD", "FROM", "MAINTAINER"]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/onbuild-invalid-trigger",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build stops: ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.",
    fixable: false,
    summary: "ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.",
    rationale:
      "ONBUILD records an instruction to run when another image builds FROM this one. Docker refuses to chain ONBUILD, and FROM or MAINTAINER make no sense as triggers, so a child build fails on these lines.",
    examples: [
      {
        bad: "FROM node:22-slim\nONBUILD FROM debian:bookworm-slim\n",
        good: "FROM node:22-slim\nONBUILD COPY package.json ./\n",
      },
    ],
    equivalents: ["hadolint:DL3043"],
    messages: { invalidTrigger: "`ONBUILD {{trigger}}` is not allowed." },
    practice: "hadolint DL3043",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ONBUILD") continue;
      const ast = ins.ast as unknown as { getTriggerWord(): string | null; getTriggerRange(): ReturnType<typeof ins.ast.getRange> | null };
      const trigger = (ast.getTriggerWord() ?? "").toUpperCase();
      if (!FORBIDDEN.has(trigger)) continue;
      report({ messageId: "invalidTrigger", range: ast.getTriggerRange() ?? ins.range, data: { trigger } });
    }
  },
});
