import { buildsImageForOthers } from "../../analysis/imagePurpose";
import { installedPackages, isBuildPackage, stageImageFacts } from "../../analysis/dockerfileFacts";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/build-tools-in-runtime-stage",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: false,
    summary: "The final stage of a multi-stage build should not install compilers or development headers.",
    rationale:
      "A multi-stage build only helps when the build tooling stays in the builder. Installing `gcc`, `build-essential` or `libpq-dev` in the runtime stage (or in a stage it is built `FROM`) puts it back into the image you ship. " +
      "The runtime usually needs only the shared library (`libpq5`, not `libpq-dev`). The same goes for a `-dev` hardened base image: it is meant for builders, the runtime uses the variant without `-dev`. " +
      "Toolchain images built for others (no application of their own: no CMD, or a CMD that only opens a shell or an interpreter, and nothing copied from the context but scripts, like the official `golang` image) ship their compilers on purpose and are not reported.",
    examples: [
      {
        bad: 'FROM python:3.13-slim AS builder\nRUN pip wheel --wheel-dir /wheels psycopg\nFROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /wheels /wheels\nCMD ["python", "-m", "app"]\n',
        good: 'FROM python:3.13-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nRUN pip wheel --wheel-dir /wheels psycopg\nFROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /wheels /wheels\nCMD ["python", "-m", "app"]\n',
      },
    ],
    equivalents: [],
    messages: {
      buildPackage: "`{{name}}` is build tooling installed in the runtime stage; install it in the builder stage instead.",
      devBase: "The runtime stage starts from `{{image}}`, a build (`-dev`) image; use the runtime variant and build in a builder stage.",
    },
    practice: "000 (dev vs runtime variants: -dev images only in the build stage), 002 (runtime stage installs runtime dependencies only)",
  },
  check({ dockerfile, report }) {
    if (dockerfile.stages.length < 2) return;
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    // a toolchain image (golang, python's full variant) ships its compilers on purpose
    if (buildsImageForOthers(dockerfile, stage)) return;
    const root = dockerfile.lineage(stage).pop() ?? stage;
    const facts = stageImageFacts(dockerfile, stage);
    if (facts.family === "hardened" && facts.isBuildImage && root.imageRange)
      report({ messageId: "devBase", range: root.imageRange, data: { image: root.image.raw } });
    const seen = new Set<string>();
    for (const p of installedPackages(dockerfile, stage)) {
      if (p.manager === "pip" || !isBuildPackage(p.name) || seen.has(p.name)) continue;
      seen.add(p.name);
      report({ messageId: "buildPackage", range: dockerfile.wordRange(p.word), data: { name: p.name } });
    }
  },
});
