import { rule } from "../../../../server/src/engine/rules/dockerignore/exclude-virtualenv";
import { testRule } from "../../helpers/ruleTester";

const PY = { "pyproject.toml": "[project]\nname = 'app'\n" };

testRule(rule, {
  valid: [
    { code: ".venv\n", files: PY },
    { name: "**/.venv", code: "**/.venv\n", files: PY },
    { name: "not a Python project", code: ".git\n", files: { "package.json": "{}" } },
  ],
  invalid: [
    { code: "«.git»\n", files: PY, errors: [{ messageId: "missing" }], output: ".git\n.venv\n" },
    {
      name: "requirements.txt project",
      code: ".git\n.env\n",
      files: { "requirements.txt": "fastapi\n" },
      errors: [{ messageId: "missing" }],
      output: ".git\n.env\n.venv\n",
    },
  ],
});
