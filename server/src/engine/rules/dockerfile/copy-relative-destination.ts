import { copyArgs } from "../../analysis/copyArgs";
import type { Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

function stripQuotes(s: string): string {
  return s.replace(/^["']|["']$/g, "");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-relative-destination",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Set WORKDIR before a COPY to a relative destination.",
    rationale:
      "A relative COPY destination is resolved against the current working directory. Without a WORKDIR in the stage (or in the stage it builds on), that directory is whatever the base image chose, often `/`, and it can change when the base image does. Set WORKDIR first, or copy to an absolute path.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY app.py app/\n",
        good: "FROM python:3.13-slim\nWORKDIR /srv\nCOPY app.py app/\n",
      },
    ],
    equivalents: ["hadolint:DL3045"],
    messages: { relative: "COPY to the relative path `{{dest}}` without a WORKDIR set in this stage." },
    practice: "hadolint DL3045",
  },
  check({ dockerfile, report }) {
    // line of the first WORKDIR per stage, so each COPY is checked in constant time
    const firstWorkdir = new Map<Stage, number>();
    for (const s of dockerfile.stages) {
      const w = s.instructions.find((i) => i.keyword === "WORKDIR");
      if (w) firstWorkdir.set(s, w.range.start.line);
    }
    const hasWorkdirBefore = (stage: Stage, line: number): boolean =>
      dockerfile.lineage(stage).some((s) => {
        const at = firstWorkdir.get(s);
        return at !== undefined && (s !== stage || at < line);
      });
    // a fragment without FROM is checked as one stage
    const groups = dockerfile.stages.length > 0 ? dockerfile.stages : [undefined];
    for (const stage of groups) {
      const list = stage ? stage.instructions : dockerfile.instructions;
      for (const ins of list) {
        if (ins.keyword !== "COPY") continue;
        const parsed = copyArgs(dockerfile, ins);
        if (!parsed) continue;
        const dest = stripQuotes(parsed.dest.value);
        if (dest.startsWith("/") || /^[A-Za-z]:/.test(dest) || dest.startsWith("$")) continue;
        if (
          stage
            ? hasWorkdirBefore(stage, ins.range.start.line)
            : list.some((w) => w.keyword === "WORKDIR" && w.range.start.line < ins.range.start.line)
        )
          continue;
        report({ messageId: "relative", range: parsed.dest.range, data: { dest } });
      }
    }
  },
});
