import { rule } from "../../../../server/src/engine/rules/dockerfile/stage-name-lowercase";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM alpine:3.20 AS builder-base\n", "FROM alpine:3.20\n"],
  invalid: [
    {
      code: "FROM python:3.13 AS «BuilderBase»\nRUN --mount=type=cache,from=BuilderBase,target=/c make\nFROM BuilderBase AS test\nFROM python:3.13-slim\nCOPY --from=BuilderBase /w /w\n",
      errors: [{ messageId: "casing" }],
      output:
        "FROM python:3.13 AS builderbase\nRUN --mount=type=cache,from=builderbase,target=/c make\nFROM builderbase AS test\nFROM python:3.13-slim\nCOPY --from=builderbase /w /w\n",
    },
  ],
});
