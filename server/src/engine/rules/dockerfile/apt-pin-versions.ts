import { runSteps } from "../../analysis/instructions";
import { aptInstall, aptPinned, hasVariable } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apt-pin-versions",
    category: "reliability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Pin package versions in `apt-get install` (`pkg=1.2.*`).",
    rationale:
      "`apt-get install curl` installs whatever version the mirror has on the day of the build, so two builds of the same Dockerfile can differ. " +
      "Pinning (`curl=7.88.*`, or a release with `curl/bookworm-backports`) makes the package set part of the source. " +
      "It is off by default: Debian and Ubuntu mirrors drop superseded versions, so exact pins break rebuilds within weeks unless you run your own mirror or snapshot; " +
      "most teams get reproducibility from a pinned base image tag or digest instead. Turn it on when you do pin OS packages. " +
      "Local `.deb` files and operands held in variables are not reported.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.* && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    equivalents: ["hadolint:DL3008"],
    messages: { unpinned: "Pin the version of {{package}}: `apt-get install {{package}}=<version>`." },
    practice: "hadolint; 003 (pin versions)",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = aptInstall(cmd, ["apt-get", "apt"]);
        if (!install) continue;
        for (const pkg of install.packages) {
          if (aptPinned(pkg.value) || hasVariable(pkg)) continue;
          report({ messageId: "unpinned", range: dockerfile.wordRange(pkg), data: { package: pkg.value } });
        }
      }
    }
  },
});
