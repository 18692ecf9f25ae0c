import { runSteps } from "../../analysis/instructions";
import { hasVariable, pipInstall, pipPinned } from "../../analysis/packages";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/pip-pin-versions",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pin versions in `pip install` (`pkg==1.2.3`), or install from a requirements/lock file.",
    rationale:
      "`pip install requests` takes the newest release at build time, so a rebuild months later can ship a different, possibly breaking, version of the library or tool. " +
      "Name a version (`==`, or at least a range such as `>=2,<3`), install from a requirements file (`-r requirements.txt`), use a constraints file (`-c`), " +
      "or better, a lock file with uv or Poetry. Local wheels and sdists, paths, URLs and VCS links with an `@ref` are taken as pinned; " +
      "operands held in variables are not judged. Applies to pip, pip3, pipx and `python -m pip`.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN pip install --no-cache-dir poetry\n",
        good: "FROM python:3.13-slim\nRUN pip install --no-cache-dir poetry==2.1.3\n",
      },
    ],
    equivalents: ["hadolint:DL3013"],
    messages: {
      unpinned: "Pin the version of {{package}}: `pip install {{package}}==<version>` (or install from a requirements or lock file).",
    },
    practice: "003 (pin versions); hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const install = pipInstall(cmd);
        if (!install || install.fromRequirements || install.constrained) continue;
        for (const pkg of install.packages) {
          if (pipPinned(pkg.value) || hasVariable(pkg)) continue;
          report({ messageId: "unpinned", range: dockerfile.wordRange(pkg), data: { package: pkg.value } });
        }
      }
    }
  },
});
