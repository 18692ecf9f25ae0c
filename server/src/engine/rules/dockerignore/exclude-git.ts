import { checkEntries } from "../../analysis/ignoreRule";
import { GIT_ENTRIES } from "../../knowledge/dockerignore";
import { dockerignoreRule } from "../../rule";

export const rule = dockerignoreRule({
  meta: {
    id: "dockerignore/exclude-git",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    summary: "A `.dockerignore` must exclude the `.git` folder.",
    rationale:
      "The `.git` folder holds the whole history, including files that were deleted because they contained secrets, and remote URLs that may carry tokens. " +
      "It is also large and changes with every commit, so copying it breaks the layer cache on each build. Exclude it (tools that need the version can take it as a build argument).",
    examples: [{ bad: ".env\n.venv\n", good: ".git\n.env\n.venv\n" }],
    equivalents: [],
    messages: { missing: "This .dockerignore does not exclude {{what}} ({{patterns}})." },
    practice: "003 (Generate .dockerignore: exclude `.git`), 002 (.dockerignore lists .git)",
  },
  check(ctx) {
    checkEntries(ctx, GIT_ENTRIES, "the git history");
  },
});
