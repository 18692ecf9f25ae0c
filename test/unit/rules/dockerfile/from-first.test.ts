import { rule } from "../../../../server/src/engine/rules/dockerfile/from-first";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["# syntax=docker/dockerfile:1\n# comment\nARG V=3.13\nFROM python:${V}-slim\nENV A=1\n"],
  invalid: [
    { code: "«ENV» A=1\nFROM python:3.13-slim\n", errors: [{ messageId: "beforeFrom" }] },
    {
      code: "ARG V=1\n«LABEL» a=b\nRUN x\nFROM python:3.13-slim\n",
      errors: [{ messageId: "beforeFrom" }, { messageId: "beforeFrom", line: 3 }],
    },
  ],
});
