import { rule } from "../../../../server/src/engine/rules/dockerfile/undefined-arg-in-from";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "ARG base=scratch\nFROM $base\n",
    "ARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n",
    "FROM --platform=$BUILDPLATFORM scratch\n",
    "ARG DEBUG\nFROM scratch${DEBUG}\n",
    "ARG DEBUG\nFROM scra${DEBUG:-tch}\n",
    'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
  ],
  invalid: [
    {
      code: "FROM --platform=«$BULIDPLATFORM» scratch\n",
      errors: [{ messageId: "undeclaredSuggest" }],
      output: "FROM --platform=$BUILDPLATFORM scratch\n",
    },
    {
      code: "ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/«${MYARCH}» busybox\n",
      errors: [{ messageId: "undeclaredSuggest" }],
      output: "ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MY_ARCH} busybox\n",
    },
    { code: "ARG tag=latest\nFROM busybox:${tag}«${version}» AS b\n", errors: [{ messageId: "undeclared" }] },
    {
      name: "an ARG declared inside a stage does not count",
      code: "FROM alpine:3.20\nARG V=1\nFROM node:«$V»\n",
      errors: [{ messageId: "undeclared" }],
    },
  ],
});
