import { layersShip } from "../../analysis/dockerfileFacts";
import { hasCacheOrTmpfsMount, runSteps, type RunStep } from "../../analysis/instructions";
import { aptInstall, commandWord, isAptUpdate, removesAptLists } from "../../analysis/packages";
import type { Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

/** The apt lists live in a cache/tmpfs mount, so they never reach the layer. */
function listsMounted(step: RunStep): boolean {
  return (
    hasCacheOrTmpfsMount(step.mounts, "/var/lib/apt/lists") ||
    (hasCacheOrTmpfsMount(step.mounts, "/var/lib/apt") && hasCacheOrTmpfsMount(step.mounts, "/var/cache/apt"))
  );
}

/** Appending the cleanup is a no-op for later steps unless one of them installs from the lists without refreshing them. */
function needsLists(step: RunStep): boolean {
  return !step.onbuild && step.commands.some((c) => aptInstall(c, ["apt-get", "apt", "aptitude"])) && !step.commands.some(isAptUpdate);
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apt-lists-cleanup",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Remove /var/lib/apt/lists in the same RUN as `apt-get update` (or keep them in a cache mount).",
    rationale:
      "`apt-get update` downloads the package indexes into /var/lib/apt/lists: tens of megabytes that nothing needs at run time. " +
      "Deleted in a later RUN they still sit in the earlier layer, so the cleanup has to happen in the same RUN: `… && rm -rf /var/lib/apt/lists/*`. " +
      "With BuildKit you can instead mount a cache or tmpfs on /var/lib/apt/lists (or on both /var/lib/apt and /var/cache/apt); the files then never enter a layer. " +
      "Only stages the final image is built from are reported: a builder stage that is only copied from (and the stages it builds on) throws its layers away. " +
      "The fix appends the `rm`; it is marked safe only when no later step installs from the lists without running `apt-get update` again.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        title: "A cache mount keeps the lists out of the image",
        bad: "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl\n",
        good:
          "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n" +
          "    apt-get update && apt-get install -y --no-install-recommends curl\n",
      },
    ],
    equivalents: ["hadolint:DL3009"],
    messages: {
      noCleanup: "Delete the apt lists (`rm -rf /var/lib/apt/lists/*`) in the RUN that runs `{{command}}`, or mount a cache there.",
    },
    practice: "001/002 (apt install block); hadolint",
  },
  check({ dockerfile, report }) {
    const steps = runSteps(dockerfile);
    let needy: number[] | undefined;
    const laterStepsNeedLists = (index: number, stage: Stage | undefined) =>
      (needy ??= steps.flatMap((n, i) => (needsLists(n) ? [i] : []))).some((i) => {
        const later = (steps[i] as RunStep).ins.stage;
        return i > index && (!stage || !later || dockerfile.lineage(later).includes(stage));
      });
    steps.forEach((step, index) => {
      const update = step.commands.find(isAptUpdate);
      if (!update) return;
      if (step.commands.some(removesAptLists) || listsMounted(step)) return;
      // a builder stage that is only copied from throws its layers away
      if (!layersShip(dockerfile, step.ins)) return;
      const first = commandWord(update) ?? update.words[0];
      const last = update.words[update.words.length - 1];
      if (!first || !last) return;
      const fixes =
        step.appendOffset !== undefined
          ? [
              {
                title: "Append && rm -rf /var/lib/apt/lists/*",
                safe: !step.onbuild && !laterStepsNeedLists(index, step.ins.stage),
                edits: [
                  {
                    range: dockerfile.lines.rangeOf(step.appendOffset, step.appendOffset),
                    newText: " && rm -rf /var/lib/apt/lists/*",
                  },
                ],
              },
            ]
          : [];
      report({
        messageId: "noCleanup",
        range: dockerfile.lines.rangeOf(first.start, last.end),
        data: { command: dockerfile.text.slice(first.start, last.end) },
        fixes,
      });
    });
  },
});
