import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/build-and-image",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "A service should either `build:` its image or pull an `image:`, not both (unless a `pull_policy` says which wins).",
    rationale:
      "With both keys Compose pulls `image` when it exists in a registry and builds only when it does not, so whether local changes run depends on what someone pushed. When both are meant (the build names the image it pushes) say which one wins with a `pull_policy` (`build` to always build, `always` or `missing` to prefer the registry), or keep the `image:` name in a CI-only file.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.2\n    pull_policy: build\n",
      },
    ],
    equivalents: ["dclint:no-build-and-image"],
    messages: { both: "Service `{{service}}` has both `build` and `image`; set a `pull_policy` (e.g. `build`) or drop one." },
    practice: "Compose file reference (build, pull_policy)",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      const image = compose.pair(svc.node, "image");
      const build = compose.pair(svc.node, "build");
      if (!image || !build) continue;
      const policy = project.scalar(svc.name, "pull_policy");
      // any explicit pull_policy is a decision about which of the two wins
      if (policy !== undefined && policy !== "") continue;
      report({ messageId: "both", range: compose.rangeOf(image.key), data: { service: svc.name } });
    }
  },
});
