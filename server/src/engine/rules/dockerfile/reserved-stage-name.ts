import { dockerfileRule } from "../../rule";

const RESERVED = new Set(["scratch", "context"]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/reserved-stage-name",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not name a build stage `scratch` or `context`.",
    rationale:
      "`scratch` is the empty base image and `context` refers to the build context in `--from` and named contexts. A stage with either name makes `FROM scratch` or `COPY --from=context` mean something other than what readers expect. Stage names are compared without regard to case.",
    examples: [
      {
        bad: "FROM alpine:3.20 AS scratch\nRUN echo hi\n",
        good: "FROM alpine:3.20 AS builder\nRUN echo hi\n",
      },
    ],
    equivalents: ["buildkit:ReservedStageName", "hadolint:DL3063"],
    messages: { reserved: "`{{name}}` is a reserved name and should not be used for a stage." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      if (stage.name !== undefined && stage.nameRange && RESERVED.has(stage.name.toLowerCase())) {
        report({ messageId: "reserved", range: stage.nameRange, data: { name: stage.name } });
      }
    }
  },
});
