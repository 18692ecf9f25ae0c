import { layersShip } from "../../analysis/dockerfileFacts";
import { hasCacheOrTmpfsMount, insertArgumentAfter, runSteps } from "../../analysis/instructions";
import { apkAdd, hasParsedFlag } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apk-no-cache",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Use `apk add --no-cache` (or a cache mount on /var/cache/apk).",
    rationale:
      "Without `--no-cache`, `apk add` relies on an index fetched by `apk update` and leaves it, with downloaded packages, under /var/cache/apk in the layer. " +
      "`--no-cache` fetches a fresh index for this one command and keeps nothing, so you need neither `apk update`/`--update` nor a later `rm -rf /var/cache/apk/*`. " +
      "A BuildKit cache or tmpfs mount on /var/cache/apk keeps the cache out of the image as well and is not reported, and so is `apk add --no-network` (it downloads nothing). The fix adds `--no-cache` after `add`. Only stages the final image is built from are reported: a builder stage that is only copied from (and the stages it builds on) throws its layers away, cache included.",
    examples: [
      {
        bad: "FROM alpine:3.21\nRUN apk update && apk add curl\n",
        good: "FROM alpine:3.21\nRUN apk add --no-cache curl\n",
      },
    ],
    equivalents: ["hadolint:DL3019", "trivy:DS-0025"],
    messages: { noCache: "Use `apk add --no-cache` so the package index and cache don't stay in the image." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      // a builder stage only copied from throws its layers away, cache included
      if (!layersShip(dockerfile, step.ins)) continue;
      if (hasCacheOrTmpfsMount(step.mounts, "/var/cache/apk")) continue;
      for (const cmd of step.commands) {
        const add = apkAdd(cmd);
        // --no-network fetches no index and downloads nothing: there is no cache to leave
        if (!add || hasParsedFlag(add.args, "no-cache") || hasParsedFlag(add.args, "no-network")) continue;
        report({
          messageId: "noCache",
          range: dockerfile.lines.rangeOf(add.program.start, add.subcommand.end),
          fixes: [{ title: "Add --no-cache", safe: true, edits: [insertArgumentAfter(dockerfile, step, add.subcommand, "--no-cache")] }],
        });
      }
    }
  },
});
