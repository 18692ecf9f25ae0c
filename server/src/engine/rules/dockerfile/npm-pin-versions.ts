import { runSteps } from "../../analysis/instructions";
import { hasVariable, npmInstall, npmPinned } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/npm-pin-versions",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pin versions in `npm install <pkg>` (`pkg@1.2.3`); plain `npm install`/`npm ci` from package.json is fine.",
    rationale:
      "`npm install -g typescript` resolves to whatever is tagged `latest` at build time, so rebuilding the same Dockerfile can pull a new major version. " +
      "Name a version or tag (`typescript@5.6.3`), a git URL with `#<commit>`, a tarball or a folder. " +
      "`npm install` or `npm ci` without package names installs from package.json and the lock file and is not reported; operands held in variables are not judged.",
    examples: [
      {
        bad: "FROM node:22-slim\nRUN npm install -g pnpm\n",
        good: "FROM node:22-slim\nRUN npm install -g pnpm@9.12.3\n",
      },
    ],
    equivalents: ["hadolint:DL3016"],
    messages: { unpinned: "Pin the version of {{package}}: `npm install {{package}}@<version>`." },
    practice: "003 (pin versions); hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = npmInstall(cmd);
        if (!install) continue;
        for (const pkg of install.packages) {
          if (npmPinned(pkg.value) || hasVariable(pkg)) continue;
          report({ messageId: "unpinned", range: dockerfile.wordRange(pkg), data: { package: pkg.value } });
        }
      }
    }
  },
});
