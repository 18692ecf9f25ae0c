import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/maintainer-deprecated",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Use a LABEL instead of the deprecated MAINTAINER instruction.",
    rationale:
      "MAINTAINER was deprecated in Docker 1.13. Image metadata belongs in labels, where tools read it: the OCI key `org.opencontainers.image.authors` carries the same information.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nMAINTAINER Jane Doe <jane@example.com>\n",
        good: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
      },
    ],
    equivalents: ["hadolint:DL4000", "buildkit:MaintainerDeprecated"],
    messages: { deprecated: "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors instead." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "MAINTAINER") continue;
      const who = ins.argsText.trim().replace(/"/g, '\\"');
      report({
        messageId: "deprecated",
        range: ins.keywordRange,
        fixes: [
          {
            title: "Replace with LABEL org.opencontainers.image.authors",
            safe: true,
            edits: [{ range: ins.range, newText: `LABEL org.opencontainers.image.authors="${who}"` }],
          },
        ],
      });
    }
  },
});
