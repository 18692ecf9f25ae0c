import { isScalar } from "yaml";
import { innerRange } from "../../analysis/compose";
import { isFloatingTag } from "../../knowledge/composeImages";
import { parseImageRef } from "../../model/imageRef";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/pin-image",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Give every `image:` an explicit version tag (or digest), not none, `latest` or another moving tag.",
    rationale:
      "An image without a tag means `latest`, and `latest`, `stable`, `edge` or `nightly` point at whatever was pushed last. The same compose file then starts different software on different days and machines, and a rollback cannot go back to what ran before. Pin a concrete version such as `postgres:16.4-alpine`, or a digest for production. Services that also `build:` the image name their own build and are not checked.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  metrics:\n    image: prom/prometheus:latest\n  cache:\n    image: redis\n",
        good: "services:\n  metrics:\n    image: prom/prometheus:v2.53.0\n  cache:\n    image: redis:7.2-alpine\n",
      },
    ],
    equivalents: ["dclint:service-image-require-explicit-tag"],
    messages: {
      untagged: "`{{image}}` has no tag, so Compose pulls `latest`. Pin a version.",
      floating: "`{{image}}` uses the moving tag `{{tag}}`. Pin a version.",
    },
    options: { allowedTags: { description: "Tags accepted even though they move (e.g. `lts`).", default: [] } },
    practice: "003 §8.1, 004 Review mode (no latest tags in production)",
  },
  check({ compose, report, options }) {
    const allowed = new Set(((options.allowedTags as string[] | undefined) ?? []).map((t) => t.toLowerCase()));
    const seen = new Set<number>();
    for (const svc of compose.services) {
      const node = compose.get(svc.node, "image");
      if (!isScalar(node) || typeof node.value !== "string" || !compose.owns(node)) continue;
      // the image names what this file builds (a build in another file is a different setup)
      if (compose.get(svc.node, "build") !== undefined) continue;
      const ref = parseImageRef(node.value);
      if (ref.hasVariables || ref.digest || !isFloatingTag(ref) || (ref.tag && allowed.has(ref.tag.toLowerCase()))) continue;
      const start = node.range?.[0] ?? 0;
      if (seen.has(start)) continue;
      seen.add(start);
      report({
        messageId: ref.tag ? "floating" : "untagged",
        range: innerRange(compose, node),
        data: { image: node.value, tag: ref.tag ?? "" },
      });
    }
  },
});
