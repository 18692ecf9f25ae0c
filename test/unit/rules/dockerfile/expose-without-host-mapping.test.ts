import { rule } from "../../../../server/src/engine/rules/dockerfile/expose-without-host-mapping";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM scratch\nEXPOSE 80 8080/tcp 7000-7010/udp\n", "FROM scratch\nEXPOSE $PORT\n"],
  invalid: [
    {
      code: "FROM scratch\nEXPOSE «127.0.0.1:80:80» [::1]:8080:8080/tcp 5000:5000 8000\n",
      errors: [{ messageId: "mapping" }, { messageId: "mapping", column: 24 }, { messageId: "mapping", column: 44 }],
      output: "FROM scratch\nEXPOSE 80 8080/tcp 5000 8000\n",
    },
  ],
});
