import { runStepOf } from "../../analysis/instructions";
import { healthcheckOf, lineageInstructions } from "../../analysis/dockerfileFacts";
import { DEFAULT_HARDENED_REGISTRY, hardenedEquivalent } from "../../knowledge/images";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/hardened-base-image",
    category: "security",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Run the final stage on a hardened image (e.g. `dhi.io/python:3.13-debian13`) instead of the Docker Hub default.",
    rationale:
      "Hardened images are rebuilt with security fixes on a regular cadence, drop the package manager, shell, compilers and debug tools from runtime variants, default to a non-root user and come with an SBOM. " +
      "They need a registry login and some are paid, so this rule is off by default; turn it on where compliance asks for it and set `registry` to your mirror. " +
      "A hardened runtime has no shell and no pip: RUN steps move to a builder stage (the `-dev` variant), and CMD, ENTRYPOINT and HEALTHCHECK must use the JSON form.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nCOPY --from=builder /app/.venv /app/.venv\nCMD ["/app/.venv/bin/python", "-m", "app"]\n',
        good: 'FROM dhi.io/python:3.13-debian13\nCOPY --from=builder /app/.venv /app/.venv\nCMD ["/app/.venv/bin/python", "-m", "app"]\n',
      },
    ],
    equivalents: [],
    messages: {
      useHardened: "The runtime stage could use the hardened `{{hardened}}` instead of `{{image}}`.",
      useHardenedAfterChanges:
        "The runtime stage could use the hardened `{{hardened}}`, after moving its RUN steps to a builder stage (hardened runtimes have no shell or pip).",
    },
    options: {
      registry: {
        description: "Prefix of the hardened images, e.g. `dhi.io` or your registry mirror.",
        type: "string",
        default: DEFAULT_HARDENED_REGISTRY,
      },
    },
    practice: "000 (Hardened base images; dev vs runtime variants)",
  },
  check({ dockerfile, options, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final" || stage.parent || !stage.imageRange) return;
    const registry =
      typeof options["registry"] === "string" && options["registry"] !== "" ? options["registry"] : DEFAULT_HARDENED_REGISTRY;
    const hardened = hardenedEquivalent(stage.image, registry);
    if (!hardened) return;
    const needsShell = lineageInstructions(dockerfile, stage).some(
      (i) =>
        // a RUN, or an ONBUILD RUN that images built on this one run
        runStepOf(dockerfile, i) !== undefined ||
        ((i.keyword === "CMD" || i.keyword === "ENTRYPOINT") && !i.isExecForm) ||
        (i.keyword === "HEALTHCHECK" &&
          healthcheckOf(dockerfile, i)?.kind === "cmd" &&
          !(healthcheckOf(dockerfile, i) as { execForm?: boolean }).execForm),
    );
    const fixes: Fix[] = needsShell
      ? []
      : [{ title: `Use ${hardened}`, safe: false, edits: [{ range: stage.imageRange, newText: hardened }] }];
    report({
      messageId: needsShell ? "useHardenedAfterChanges" : "useHardened",
      range: stage.imageRange,
      data: { hardened, image: stage.image.raw },
      fixes,
    });
  },
});
