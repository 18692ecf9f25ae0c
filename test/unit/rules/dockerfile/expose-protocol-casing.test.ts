import { rule } from "../../../../server/src/engine/rules/dockerfile/expose-protocol-casing";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM scratch\nEXPOSE 80/tcp 8080 53/udp\n", "FROM scratch\nEXPOSE ${PORT}/tcp\n"],
  invalid: [
    {
      code: "FROM scratch\nEXPOSE 80/«TcP» 8080/TCP 8080/udp\n",
      errors: [{ messageId: "casing" }, { messageId: "casing", column: 20 }],
      output: "FROM scratch\nEXPOSE 80/tcp 8080/tcp 8080/udp\n",
    },
  ],
});
