import { rule } from "../../../../server/src/engine/rules/dockerfile/from-as-casing";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:bookworm AS deb-builder\n",
    "from debian:bookworm as deb-builder\n",
    "From debian:bookworm as deb-builder\n",
    "FROM debian:bookworm\n",
  ],
  invalid: [
    { code: "FROM debian:bookworm «as» builder\n", errors: [{ messageId: "casing" }], output: "FROM debian:bookworm AS builder\n" },
    {
      code: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nfrom alpine:3.20 «AS» final\n",
      errors: [{ messageId: "casing" }],
      output: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nfrom alpine:3.20 as final\n",
    },
    { code: "FROM debian:bookworm «As» b\n", errors: [{ messageId: "casing" }], output: "FROM debian:bookworm AS b\n" },
  ],
});
