import { checkGroupEntries } from "../../analysis/ignoreRule";
import { dockerignoreRule } from "../../rule";

export const rule = dockerignoreRule({
  meta: {
    id: "dockerignore/exclude-git",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A `.dockerignore` must exclude the `.git` folder.",
    rationale:
      "The `.git` folder holds the whole history, including files that were deleted because they contained secrets, and remote URLs that may carry tokens. " +
      "It is also large and changes with every commit, so copying it breaks the layer cache on each build. Exclude it (tools that need the version can take it as a build argument). " +
      "Only reported when the build context (the folder of the .dockerignore) has a `.git`: a context that is a subfolder of the repository does not include it.",
    examples: [{ bad: ".env\n.venv\n", good: ".git\n.env\n.venv\n", files: { ".git/HEAD": "ref: refs/heads/main\n" } }],
    equivalents: [],
    messages: { missing: "This .dockerignore does not exclude {{what}} ({{patterns}})." },
    // the group check (analysis/ignoreRule.ts) looks for an env-file folder such as `.envs/`
    reads: [".env*"],
    practice: "003 (Generate .dockerignore: exclude `.git`), 002 (.dockerignore lists .git)",
  },
  check(ctx) {
    checkGroupEntries(ctx, "dockerignore/exclude-git");
  },
});
