import { insertArgumentAfter, runSteps } from "../../analysis/instructions";
import { aptInstall, type ParsedArgs } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

/** `-y`, `--yes`, `--assume-yes`, quiet level 2 (`-qq`, `-q -q`, `-q=2`, which imply -y) or `-o APT::Get::Assume-Yes=true`. */
function assumesYes(args: ParsedArgs): boolean {
  let quiet = 0;
  for (const f of args.flags) {
    if (f.name === "y" || f.name === "yes" || f.name === "assume-yes") return true;
    if (f.name === "q" || f.name === "quiet") quiet += f.value !== undefined && /^\d+$/.test(f.value) ? Number(f.value) : 1;
    if ((f.name === "o" || f.name === "option") && /^APT::Get::Assume-Yes=(true|yes|1)$/i.test(f.value ?? "")) return true;
  }
  return quiet >= 2;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apt-get-yes",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Pass `-y` to `apt-get install` so the build never waits for an answer.",
    rationale:
      'A build has no one to answer apt-get\'s "Do you want to continue? [Y/n]" prompt. Without `-y` (or `--yes`, `--assume-yes`, or quiet level 2, which implies it) ' +
      "apt-get aborts as soon as an install needs confirmation, for instance when it pulls in extra dependencies, so the build fails on some package sets and not others. " +
      "The fix adds `-y` after `install`.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    equivalents: ["hadolint:DL3014", "trivy:DS-0021"],
    messages: { missingYes: "Use `apt-get install -y` to avoid waiting for manual input." },
    practice: "hadolint; 001/002 (apt install block)",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = aptInstall(cmd, ["apt-get", "apt"]);
        if (!install || assumesYes(install.args)) continue;
        report({
          messageId: "missingYes",
          range: dockerfile.lines.rangeOf(install.program.start, install.subcommand.end),
          fixes: [{ title: "Add -y", safe: true, edits: [insertArgumentAfter(dockerfile, step, install.subcommand, "-y")] }],
        });
      }
    }
  },
});
