import { runSteps } from "../../analysis/instructions";
import { commandHasArgs, commandName, hasAnyFlag } from "../../analysis/runCommands";
import { argsOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const YUM_LIKE = ["yum", "dnf", "microdnf"];
const YUM_SUBCOMMANDS = ["install", "groupinstall", "localinstall"];
const ZYPPER_SUBCOMMANDS = ["install", "in", "remove", "rm", "source-install", "si", "patch"];

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/rpm-assume-yes",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Pass `-y` to yum, dnf, microdnf and zypper when they install or remove packages.",
    rationale:
      "A build has no terminal to answer the package manager's confirmation prompt. Without `-y` (or zypper's `--non-interactive`) the command waits for input that never comes and the build fails or hangs. Saying yes up front makes the step repeatable.",
    examples: [
      {
        bad: "FROM rockylinux:9\nRUN dnf install httpd && dnf clean all\n",
        good: "FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n",
      },
    ],
    equivalents: ["hadolint:DL3030", "hadolint:DL3038", "hadolint:DL3034"],
    messages: {
      missingYes: "`{{program}} {{subcommand}}` without `-y` waits for a confirmation the build cannot give.",
    },
    practice: "hadolint DL3030/DL3038/DL3034",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runSteps(dockerfile)) {
      for (const cmd of commands) {
        const program = commandName(cmd);
        if (program === undefined) continue;
        let subcommands: string[];
        let yesFlags: string[];
        if (YUM_LIKE.includes(program)) {
          subcommands = YUM_SUBCOMMANDS;
          yesFlags = ["y", "assumeyes"];
        } else if (program === "zypper") {
          subcommands = ZYPPER_SUBCOMMANDS;
          yesFlags = ["non-interactive", "n", "no-confirm", "y"];
        } else continue;
        if (!commandHasArgs(cmd, [program], subcommands) || hasAnyFlag(cmd, yesFlags)) continue;
        const sub = argsOf(cmd).find((w) => subcommands.includes(w.value));
        if (!sub) continue;
        const at = dockerfile.lines.positionAt(sub.end);
        report({
          messageId: "missingYes",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          data: { program, subcommand: sub.value },
          fixes: [
            {
              title: `Add -y to ${program} ${sub.value}`,
              // the build then proceeds where it used to stop: a change in behaviour, if a welcome one
              safe: false,
              edits: [{ range: { start: at, end: at }, newText: " -y" }],
            },
          ],
        });
      }
    }
  },
});
