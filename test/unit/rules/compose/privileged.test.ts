import { rule } from "../../../../server/src/engine/rules/compose/privileged";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["services:\n  a:\n    image: acme/a:1.0\n    privileged: false\n    cap_add: [NET_ADMIN]\n"],
  invalid: [
    { code: "services:\n  a:\n    image: acme/a:1.0\n    «privileged: true»\n", errors: [{ messageId: "privileged" }] },
    { code: "services:\n  a:\n    image: acme/a:1.0\n    cap_add:\n      - «SYS_ADMIN»\n", errors: [{ messageId: "capability" }] },
  ],
});
