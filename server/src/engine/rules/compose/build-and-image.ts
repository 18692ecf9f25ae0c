import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/build-and-image",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "A service should either `build:` its image or pull an `image:`, not both (unless `pull_policy: build`).",
    rationale:
      "With both keys Compose pulls `image` when it exists in a registry and builds only when it does not, so whether local changes run depends on what someone pushed. When both are meant (the build names the image it pushes) say so with `pull_policy: build`, or keep the `image:` name in a CI-only file.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.2\n    pull_policy: build\n",
      },
    ],
    equivalents: ["dclint:no-build-and-image"],
    messages: { both: "Service `{{service}}` has both `build` and `image`; add `pull_policy: build` or drop one." },
    practice: "Compose file reference (build, pull_policy)",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      const image = compose.pair(svc.node, "image");
      const build = compose.pair(svc.node, "build");
      if (!image || !build) continue;
      const policy = project.scalar(svc.name, "pull_policy");
      if (policy === "build" || policy === "never" || policy === "missing") continue;
      report({ messageId: "both", range: compose.rangeOf(image.key), data: { service: svc.name } });
    }
  },
});
