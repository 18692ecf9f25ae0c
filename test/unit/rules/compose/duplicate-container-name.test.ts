import { rule } from "../../../../server/src/engine/rules/compose/duplicate-container-name";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  a:\n    image: acme/a:1.0\n    container_name: a\n  b:\n    image: acme/b:1.0\n    container_name: b\n",
    {
      name: "the same service in base and override",
      code: "services:\n  a:\n    container_name: a\n",
      fileName: "compose.override.yml",
      files: { "compose.yml": "services:\n  a:\n    image: acme/a:1.0\n    container_name: a\n" },
    },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: acme/a:1.0\n    container_name: «acme»\n  b:\n    image: acme/b:1.0\n    container_name: acme\n",
      errors: [{ messageId: "duplicate" }, { messageId: "duplicate", line: 7 }],
    },
    {
      name: "across base and override",
      fileName: "compose.override.yml",
      files: { "compose.yml": "services:\n  a:\n    image: acme/a:1.0\n    container_name: acme\n" },
      code: "services:\n  b:\n    image: acme/b:1.0\n    container_name: «acme»\n",
      errors: [{ messageId: "duplicate" }],
    },
  ],
});
