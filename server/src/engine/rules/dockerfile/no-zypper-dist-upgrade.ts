import { runSteps } from "../../analysis/instructions";
import { commandHasArgs } from "../../analysis/runCommands";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-zypper-dist-upgrade",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not run `zypper dist-upgrade` in a Dockerfile.",
    rationale:
      "`zypper dist-upgrade` (`dup`) moves the whole distribution to whatever the repositories offer today, which can switch major versions under the image and makes builds unrepeatable. Pick a newer base image tag instead, and install the specific packages you need.",
    examples: [
      {
        bad: "FROM opensuse/leap:15.6\nRUN zypper dup -y\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
      },
    ],
    equivalents: ["hadolint:DL3035"],
    messages: { distUpgrade: "Avoid `zypper {{sub}}`: use a newer base image instead of upgrading the distribution in place." },
    practice: "hadolint DL3035",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runSteps(dockerfile)) {
      for (const cmd of commands) {
        if (!commandHasArgs(cmd, ["zypper"], ["dist-upgrade", "dup"])) continue;
        const sub = cmd.words.find((w) => w.value === "dist-upgrade" || w.value === "dup");
        report({ messageId: "distUpgrade", range: dockerfile.lines.rangeOf(cmd.start, cmd.end), data: { sub: sub?.value ?? "dup" } });
      }
    }
  },
});
