import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-from-self",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build stops: a stage cannot copy from itself (a circular dependency).",
    fixable: false,
    summary: "`COPY --from` cannot name the stage it is in.",
    rationale:
      "A stage cannot copy from itself: its own result does not exist yet while it is being built. Docker rejects the build (or, for a name it doesn't resolve, tries to pull an image of that name). " +
      "To move files inside a stage, use `RUN cp`; to copy from another stage, name that one.",
    examples: [
      {
        bad: "FROM node:22 AS build\nCOPY --from=build /app/package.json /tmp/\n",
        good: "FROM node:22 AS deps\nCOPY package.json /app/\nFROM node:22 AS build\nCOPY --from=deps /app/package.json /tmp/\n",
      },
    ],
    equivalents: ["hadolint:DL3023", "trivy:DS-0006"],
    messages: { self: "`COPY --from={{name}}` refers to the stage it is in." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY" || !ins.stage) continue;
      const flag = dockerfile.flag(ins, "from");
      const name = flag?.getValue()?.replace(/^["']|["']$/g, "");
      if (!flag || !name) continue;
      const self = ins.stage.name?.toLowerCase() === name.toLowerCase() || (/^\d+$/.test(name) && Number(name) === ins.stage.index);
      if (self) report({ messageId: "self", range: flag.getValueRange() ?? flag.getRange(), data: { name } });
    }
  },
});
