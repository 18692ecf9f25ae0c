import { checkGroupEntries } from "../../analysis/ignoreRule";
import { dockerignoreRule } from "../../rule";

export const rule = dockerignoreRule({
  meta: {
    id: "dockerignore/exclude-env-files",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A `.dockerignore` must exclude `.env` and `.env.*` files (keeping `.env.example`).",
    rationale:
      "`.env` files hold real credentials for local runs. If the build context includes them, `COPY . .` bakes them into a layer that anyone who pulls the image can read, even if a later step deletes them. " +
      "Exclude `.env` and `.env.*`, and re-include the committed template with `!.env.example`. " +
      "A project that keeps its env files in a folder of their own (`.envs/`) and excludes that folder is not reported.",
    examples: [{ bad: ".git\n.venv\n", good: ".git\n.venv\n.env\n.env.*\n!.env.example\n" }],
    equivalents: [],
    messages: { missing: "This .dockerignore does not exclude {{what}} ({{patterns}}): they would be copied into the image." },
    // the group check (analysis/ignoreRule.ts) looks for an env-file folder such as `.envs/`
    reads: [".env*"],
    practice: "003 (Generate .dockerignore: exclude `.env*`), 004 (never commit or ship env files), 000 (.env is gitignored)",
  },
  check(ctx) {
    checkGroupEntries(ctx, "dockerignore/exclude-env-files");
  },
});
