import { rule } from "../../../../server/src/engine/rules/dockerfile/expose-valid-port";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian\n";

testRule(rule, {
  valid: [
    F + "EXPOSE 60000\n",
    F + "EXPOSE ${FOOBAR}\n",
    F + "EXPOSE 40000-60000/tcp\n",
    F + "EXPOSE 40000-${FOOBAR}\n",
    F + "EXPOSE 80 443/tcp 53/udp\n",
    F + "EXPOSE 0\n",
  ],
  invalid: [
    { code: F + "EXPOSE «80000»\n", errors: [{ messageId: "range" }] },
    { name: "in a range", code: F + "EXPOSE 40000-80000/tcp\n", errors: [{ messageId: "range" }] },
    { name: "second of several", code: F + "EXPOSE 80 65536/udp\n", errors: [{ messageId: "range", column: 11 }] },
  ],
});
