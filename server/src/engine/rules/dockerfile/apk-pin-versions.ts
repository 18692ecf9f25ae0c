import { runSteps } from "../../analysis/instructions";
import { apkAdd, apkPinned, hasVariable } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apk-pin-versions",
    category: "reliability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Pin package versions in `apk add` (`pkg=1.2.3-r0` or `pkg~1.2`).",
    rationale:
      "`apk add curl` installs whatever the Alpine mirror carries on the day of the build. A version constraint (`curl=8.11.1-r0`, or the looser `curl~8.11`) makes the package set part of the source. " +
      "It is off by default for the same reason as apt pins: Alpine removes superseded package builds from its mirrors, so exact pins break rebuilds unless you control the repository; " +
      "a pinned base image tag (e.g. `alpine:3.21`) already fixes the branch. Local `.apk` files and operands held in variables are not reported.",
    examples: [
      {
        bad: "FROM alpine:3.21\nRUN apk add --no-cache curl\n",
        good: "FROM alpine:3.21\nRUN apk add --no-cache curl~8.11\n",
      },
    ],
    equivalents: ["hadolint:DL3018"],
    messages: { unpinned: "Pin the version of {{package}}: `apk add {{package}}=<version>`." },
    practice: "hadolint; 003 (pin versions)",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const add = apkAdd(cmd);
        if (!add) continue;
        for (const pkg of add.packages) {
          if (apkPinned(pkg.value) || hasVariable(pkg)) continue;
          report({ messageId: "unpinned", range: dockerfile.wordRange(pkg), data: { package: pkg.value } });
        }
      }
    }
  },
});
