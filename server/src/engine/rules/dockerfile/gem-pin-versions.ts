import { runSteps } from "../../analysis/instructions";
import { gemInstall, gemPinned, hasVariable } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/gem-pin-versions",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pin versions in `gem install` (`gem install bundler:2.5.22` or `-v`).",
    rationale:
      "`gem install bundler` installs the newest release at build time, so a rebuild can pick up a new major version with different behaviour. " +
      "Name the version (`bundler:2.5.22`, or `-v 2.5.22` for the gems on the line), or install from a Gemfile.lock with `bundle install`. Operands held in variables are not judged.",
    examples: [
      {
        bad: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
        good: "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22\n",
      },
    ],
    equivalents: ["hadolint:DL3028"],
    messages: { unpinned: "Pin the version of {{package}}: `gem install {{package}}:<version>`." },
    practice: "003 (pin versions); hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = gemInstall(cmd);
        if (!install || install.hasVersionFlag) continue;
        for (const gem of install.packages) {
          if (gemPinned(gem.value) || hasVariable(gem)) continue;
          report({ messageId: "unpinned", range: dockerfile.wordRange(gem), data: { package: gem.value } });
        }
      }
    }
  },
});
