import { labelsOf, stageLabels } from "../../analysis/labels";
import type { DockerfileModel, Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

/** Stages that are images of their own: nothing builds on them or copies from them. */
function imageStages(dockerfile: DockerfileModel): Stage[] {
  const used = new Set<Stage>();
  for (const s of dockerfile.stages) if (s.parent) used.add(s.parent);
  for (const ins of dockerfile.instructions) {
    const from = dockerfile.flag(ins, "from")?.getValue();
    if ((ins.keyword === "COPY" || ins.keyword === "ADD") && from) {
      const s = dockerfile.stageByName(from);
      if (s) used.add(s);
    }
  }
  return dockerfile.stages.filter((s) => s.isFinal || !used.has(s));
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/required-labels",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Images carry the labels your organisation requires (and, in strict mode, no others).",
    rationale:
      "Labels such as the source repository and the license let people and tools trace an image back to its code and decide whether they may use it. When a team agrees on a set of labels, this rule checks that each image stage (one that no other stage builds on or copies from) sets them, itself or through the stage it builds on. With `strict`, labels outside the list are reported too. Off by default, because the list is a team decision.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/app" \\\n      org.opencontainers.image.licenses="MIT"\nCMD ["python", "app.py"]\n',
      },
    ],
    equivalents: ["hadolint:DL3049", "hadolint:DL3050"],
    messages: {
      missing: "Label `{{key}}` is missing from this image.",
      superfluous: "Label `{{key}}` is not in the list of allowed labels.",
    },
    options: {
      labels: {
        description: "Label keys every image must set.",
        type: "string[]",
        default: ["org.opencontainers.image.source", "org.opencontainers.image.licenses"],
      },
      strict: { description: "Also report labels that are not in `labels`.", type: "boolean", default: false },
    },
    practice: "hadolint DL3049/DL3050 (label schema)",
  },
  check({ dockerfile, report, options }) {
    const required = Array.isArray(options.labels) ? options.labels.filter((l): l is string => typeof l === "string") : [];
    for (const stage of imageStages(dockerfile)) {
      const present = new Set(stageLabels(dockerfile, stage).map((l) => l.key));
      for (const key of required) {
        if (!present.has(key)) report({ messageId: "missing", range: stage.from.keywordRange, data: { key } });
      }
    }
    if (options.strict === true) {
      for (const ins of dockerfile.instructions) {
        for (const l of labelsOf(ins))
          if (!required.includes(l.key)) report({ messageId: "superfluous", range: l.keyRange, data: { key: l.key } });
      }
    }
  },
});
