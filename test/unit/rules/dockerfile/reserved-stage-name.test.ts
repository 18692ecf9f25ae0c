import { rule } from "../../../../server/src/engine/rules/dockerfile/reserved-stage-name";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM alpine:3.20 AS builder\n", "FROM scratch\n", "FROM alpine:3.20 AS contexts\n"],
  invalid: [
    {
      code: "FROM alpine:3.20 AS «scratch»\nFROM alpine:3.20 AS context\n",
      errors: [{ messageId: "reserved" }, { messageId: "reserved", line: 2 }],
    },
    { code: "FROM alpine:3.20 AS «Context»\n", errors: [{ messageId: "reserved" }] },
  ],
});
