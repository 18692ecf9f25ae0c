import type { DockerfileModel, Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

/** Stages that are images of their own: nothing builds on them or copies from them. */
function imageStages(dockerfile: DockerfileModel): Stage[] {
  const used = new Set<Stage>();
  for (const s of dockerfile.stages) if (s.parent) used.add(s.parent);
  for (const ins of dockerfile.instructions) {
    const from = dockerfile.flag(ins, "from")?.getValue();
    const s = from ? dockerfile.stageByName(from) : undefined;
    if (s) used.add(s);
  }
  return dockerfile.stages.filter((s) => s.isFinal || !used.has(s));
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/healthcheck-required",
    category: "reliability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Every image defines a HEALTHCHECK (strict mode; off by default).",
    rationale:
      "Without a HEALTHCHECK, Docker and Compose only know whether the main process is running, not whether it works. This strict variant asks for one in every image stage, whatever the image does; it is off by default, as in hadolint, because batch jobs and tools have nothing to probe. `dockerfile/healthcheck-missing` is the smarter default: it asks only images that serve something.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCMD ["python", "worker.py"]\n',
        good: 'FROM python:3.13-slim\nHEALTHCHECK CMD ["python", "-c", "import worker; worker.ping()"]\nCMD ["python", "worker.py"]\n',
      },
    ],
    equivalents: ["hadolint:DL3057"],
    messages: { missing: "This image has no HEALTHCHECK." },
    practice: "hadolint DL3057",
  },
  check({ dockerfile, report }) {
    for (const stage of imageStages(dockerfile)) {
      const has = dockerfile.lineage(stage).some((s) => s.instructions.some((i) => i.keyword === "HEALTHCHECK"));
      if (!has) report({ messageId: "missing", range: stage.from.keywordRange });
    }
  },
});
