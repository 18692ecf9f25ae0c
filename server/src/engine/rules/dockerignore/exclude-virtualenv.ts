import { checkGroupEntries } from "../../analysis/ignoreRule";
import { dockerignoreRule } from "../../rule";

export const rule = dockerignoreRule({
  meta: {
    id: "dockerignore/exclude-virtualenv",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "In a Python project, a `.dockerignore` must exclude the local `.venv`.",
    rationale:
      "A host virtualenv is built for the host's OS and Python; copied into the image it does not run, it can shadow the environment the build creates (`COPY . .` over `/app/.venv`), and it is often hundreds of megabytes. " +
      "Exclude `.venv` and let the image build its own environment from the lockfile.",
    examples: [{ bad: ".git\n.env\n", good: ".git\n.env\n.venv\n", files: { "pyproject.toml": "[project]\nname = 'app'\n" } }],
    equivalents: [],
    messages: { missing: "This .dockerignore does not exclude {{what}} ({{patterns}})." },
    // the group check (analysis/ignoreRule.ts) looks for an env-file folder such as `.envs/`
    reads: [".env*"],
    practice: "003 (Generate .dockerignore: exclude `.venv`), 002 (.dockerignore lists .venv/)",
  },
  check(ctx) {
    checkGroupEntries(ctx, "dockerignore/exclude-virtualenv");
  },
});
