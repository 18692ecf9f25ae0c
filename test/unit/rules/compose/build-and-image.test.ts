import { rule } from "../../../../server/src/engine/rules/compose/build-and-image";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "pull_policy: always says the registry wins",
      code: "services:\n  api:\n    build: .\n    image: acme/api:1.0\n    pull_policy: always\n",
    },
    "services:\n  api:\n    build: .\n",
    "services:\n  api:\n    image: acme/api:1.0\n",
    "services:\n  api:\n    build: .\n    image: acme/api:1.0\n    pull_policy: build\n",
  ],
  invalid: [{ code: "services:\n  api:\n    build:\n      context: .\n    «image»: acme/api:1.0\n", errors: [{ messageId: "both" }] }],
});
