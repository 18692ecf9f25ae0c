import { isScalar } from "yaml";
import { innerRange } from "../../analysis/compose";
import { FLOATING_TAGS, isFloatingTag } from "../../knowledge/composeImages";
import { parseImageRef } from "../../model/imageRef";
import { composeRule } from "../../rule";

/** A tag with no version in it: `alpine`, `lts-slim`, `bookworm`, `mainline-alpine`. */
function isVariantOnly(tag: string): boolean {
  return tag !== "" && !/[0-9]/.test(tag);
}

export const rule = composeRule({
  meta: {
    id: "compose/pin-image",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Give every `image:` an explicit version tag (or digest), not none, `latest` or another moving tag.",
    rationale:
      "An image without a tag means `latest`, and `latest`, `stable`, `lts`, `current`, `edge` or `nightly` point at whatever was pushed last; so does a tag that names only a variant or a distribution (`nginx:alpine`, `node:lts-slim`, `redis:bookworm`): it has no version in it. A variable whose default is `latest` (`${VERSION:-latest}`) gives the same result whenever the variable is not set. The same compose file then starts different software on different days and machines, and a rollback cannot go back to what ran before. Pin a concrete version such as `postgres:16.4-alpine`, or a digest for production. Services that also `build:` the image name their own build and are not checked.",
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
      variantOnly:
        "`{{image}}`: the tag `{{tag}}` names a variant, not a version, and moves with every release. Pin a version (e.g. `1.27-{{tag}}`).",
      latestDefault: "`{{image}}` falls back to the moving tag `{{tag}}` when the variable is not set. Give it a version as its default.",
    },
    options: { allowedTags: { description: "Tags accepted even though they move (e.g. `lts`).", type: "string[]", default: [] } },
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
      const start = node.range?.[0] ?? 0;
      if (seen.has(start)) continue;
      if (ref.hasVariables) {
        // `app:${VERSION:-latest}`: the default applies whenever VERSION is unset or empty
        const m = /:\$\{[A-Za-z_][A-Za-z0-9_]*:?-([A-Za-z0-9_.-]*)\}$/.exec(node.value);
        const fallback = m?.[1];
        if (fallback === undefined || allowed.has(fallback.toLowerCase())) continue;
        if (!FLOATING_TAGS.includes(fallback.toLowerCase()) && !isVariantOnly(fallback)) continue;
        seen.add(start);
        report({ messageId: "latestDefault", range: innerRange(compose, node), data: { image: node.value, tag: fallback } });
        continue;
      }
      if (ref.digest || (ref.tag && allowed.has(ref.tag.toLowerCase()))) continue;
      const variant = ref.tag !== undefined && !isFloatingTag(ref) && isVariantOnly(ref.tag);
      if (!isFloatingTag(ref) && !variant) continue;
      seen.add(start);
      report({
        messageId: variant ? "variantOnly" : ref.tag ? "floating" : "untagged",
        range: innerRange(compose, node),
        data: { image: node.value, tag: ref.tag ?? "" },
      });
    }
  },
});
