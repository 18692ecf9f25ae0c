import { insertArgumentAfter, runSteps } from "../../analysis/instructions";
import { aptInstall } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/apt-no-install-recommends",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Use `apt-get install --no-install-recommends` so only the packages you name (and their dependencies) are installed.",
    rationale:
      "By default apt-get also installs every package the ones you asked for merely recommend: documentation, extra locales, helper tools, sometimes a whole compiler toolchain. " +
      "They make the image larger and add software to patch that nothing uses. " +
      "`--no-install-recommends` (or `-o APT::Install-Recommends=false`) keeps the install to what you named. " +
      "The fix adds the flag; it is not marked safe, because software that relied on a recommended package has to list it explicitly afterwards.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
    equivalents: ["hadolint:DL3015", "trivy:DS-0029"],
    messages: { recommends: "Add `--no-install-recommends` to avoid installing packages you did not ask for." },
    practice: "001/002 (apt install block); hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = aptInstall(cmd, ["apt-get", "apt"]);
        if (!install) continue;
        const off = install.args.flags.some(
          (f) =>
            f.name === "no-install-recommends" ||
            ((f.name === "o" || f.name === "option") && /^APT::Install-Recommends=(false|no|0)$/i.test(f.value ?? "")),
        );
        if (off) continue;
        report({
          messageId: "recommends",
          range: dockerfile.lines.rangeOf(install.program.start, install.subcommand.end),
          fixes: [
            {
              title: "Add --no-install-recommends",
              safe: false,
              edits: [insertArgumentAfter(dockerfile, step, install.subcommand, "--no-install-recommends")],
            },
          ],
        });
      }
    }
  },
});
