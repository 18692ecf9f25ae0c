import { rule } from "../../../../server/src/engine/rules/compose/container-name-format";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  a:\n    image: acme/a:1.0\n    container_name: acme_a-1.x\n",
    "services:\n  a:\n    image: acme/a:1.0\n    container_name: ${PREFIX}-a\n",
  ],
  invalid: [
    { code: "services:\n  a:\n    image: acme/a:1.0\n    container_name: «-acme»\n", errors: [{ messageId: "invalid" }] },
    { code: 'services:\n  a:\n    image: acme/a:1.0\n    container_name: "«acme a»"\n', errors: [{ messageId: "invalid" }] },
  ],
});
