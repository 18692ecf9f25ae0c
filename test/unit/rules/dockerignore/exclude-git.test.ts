import { rule } from "../../../../server/src/engine/rules/dockerignore/exclude-git";
import { testRule } from "../../helpers/ruleTester";

const GIT = { ".git/HEAD": "ref: refs/heads/main\n" };

testRule(rule, {
  valid: [
    ".git\n",
    ".git/\n",
    "**/.git\n",
    "*\n!app/\n",
    {
      name: "a build context without .git (a subfolder of the repository)",
      code: ".env\n.venv\n",
      fileName: "services/api/.dockerignore",
      files: { "../../.git/HEAD": "ref: refs/heads/main\n" },
    },
  ],
  invalid: [
    { code: "«.env»\n.venv\n", files: GIT, errors: [{ messageId: "missing" }], output: ".env\n.venv\n.git\n" },
    { name: "CRLF file", code: ".env\r\n", files: GIT, errors: [{ messageId: "missing" }], output: ".env\r\n.git\r\n" },
    {
      name: "a .git file (worktree or submodule)",
      code: ".env\n",
      files: { ".git": "gitdir: ../.git/worktrees/x\n" },
      errors: [{ messageId: "missing" }],
    },
  ],
});
