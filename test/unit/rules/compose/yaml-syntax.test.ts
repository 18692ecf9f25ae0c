import { rule } from "../../../../server/src/engine/rules/compose/yaml-syntax";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "compose tags", code: "services:\n  web:\n    ports: !reset []\n    command: !override [a]\n" },
    {
      name: "merge keys are not duplicates",
      code: "x-a: &a {restart: always}\nx-b: &b {init: true}\nservices:\n  web:\n    <<: *a\n    <<: *b\n    image: nginx:1.27\n",
    },
    "",
  ],
  invalid: [
    {
      name: "duplicate key",
      code: "services:\n  web:\n    image: nginx:1.27\n    «image»: nginx:1.26\n",
      errors: [{ messageId: "duplicateKey" }],
    },
    {
      name: "duplicate service",
      code: "services:\n  web:\n    image: a:1\n  «web»:\n    image: b:1\n",
      errors: [{ messageId: "duplicateKey" }],
    },
    { name: "unterminated flow", code: "services:\n  web:\n    image: [nginx\n", errors: [{ messageId: "syntax" }] },
  ],
});
