import { runSteps } from "../../analysis/instructions";
import { commandName } from "../../analysis/runCommands";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/single-download-tool",
    category: "image-size",
    defaultSeverity: "info",
    fixable: false,
    summary: "Use either `curl` or `wget` in a stage, not both.",
    rationale:
      "Both tools do the same job. Needing both usually means installing one of them just for a single download, which adds a package (and its libraries) to the image. Pick the one the base image already has. Info by default: it is a size hint, not a defect.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n",
        good: "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n",
      },
    ],
    equivalents: ["hadolint:DL4001", "trivy:DS-0014"],
    messages: { both: "This stage uses both `curl` and `wget`; one of them is enough." },
    practice: "hadolint DL4001",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      const seen = new Set<string>();
      for (const { ins, commands } of runSteps(dockerfile, stage)) {
        const here = commands.map(commandName).filter((n): n is string => n === "curl" || n === "wget");
        if (here.length === 0) continue;
        for (const n of here) seen.add(n);
        if (seen.size >= 2) report({ messageId: "both", range: ins.range });
      }
    }
  },
});
