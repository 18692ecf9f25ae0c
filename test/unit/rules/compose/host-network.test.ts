import { rule } from "../../../../server/src/engine/rules/compose/host-network";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  a:\n    image: acme/a:1.0\n    network_mode: bridge\n",
    "services:\n  a:\n    image: acme/a:1.0\n    network_mode: service:b\n  b:\n    image: acme/b:1.0\n",
  ],
  invalid: [
    { code: "services:\n  a:\n    image: acme/a:1.0\n    «network_mode: host»\n", errors: [{ messageId: "hostNetwork" }] },
    { code: "services:\n  a:\n    image: acme/a:1.0\n    «pid: host»\n", errors: [{ messageId: "hostPid" }] },
  ],
});
