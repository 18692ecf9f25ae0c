import { rule } from "../../../../server/src/engine/rules/dockerignore/exclude-env-files";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    ".env*\n!.env.example\n",
    ".env\n.env.*\n",
    "**/.env*\n",
    "*\n!src\n",
    {
      name: "env files kept in an excluded folder of their own",
      code: ".git\n.envs/\n",
      files: { ".envs/.production/.django": "DJANGO_SECRET_KEY=x\n" },
    },
  ],
  invalid: [
    {
      name: "an excluded .envs folder that the context does not have says nothing about .env",
      code: ".git\n.envs/\n",
      errors: [{ messageId: "missing" }],
    },
    {
      name: "nothing about env files",
      code: "«.git»\n.venv\n",
      errors: [{ messageId: "missing" }],
      output: ".git\n.venv\n.env\n.env.*\n!.env.example\n",
    },
    {
      name: ".env only: adds .env.* and keeps the template, no trailing newline",
      code: ".env\n# comment\n!.env.example",
      errors: [{ messageId: "missing", line: 1 }],
      output: ".env\n# comment\n!.env.example\n.env.*\n",
    },
    { name: "empty file", code: "", errors: [{ messageId: "missing", line: 1 }], output: ".env\n.env.*\n!.env.example\n" },
    {
      name: "re-included later",
      code: ".env*\n!.env\n",
      errors: [{ messageId: "missing" }],
      output: ".env*\n!.env\n.env\n!.env.example\n",
    },
  ],
});
