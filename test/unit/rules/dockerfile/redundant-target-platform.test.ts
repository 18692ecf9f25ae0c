import { rule } from "../../../../server/src/engine/rules/dockerfile/redundant-target-platform";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM alpine:3.20 AS builder\n",
    "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
    "FROM --platform=linux/amd64 alpine:3.20 AS build-amd64\n",
    "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n",
  ],
  invalid: [
    {
      code: "FROM «--platform=$TARGETPLATFORM» alpine:3.20 AS builder\n",
      errors: [{ messageId: "redundant" }],
      output: "FROM alpine:3.20 AS builder\n",
    },
    {
      code: "from --platform=${TARGETPLATFORM}   alpine:3.20\n",
      errors: [{ messageId: "redundant", line: 1, column: 6 }],
      output: "from alpine:3.20\n",
    },
  ],
});
