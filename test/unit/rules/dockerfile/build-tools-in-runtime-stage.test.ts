import { rule } from "../../../../server/src/engine/rules/dockerfile/build-tools-in-runtime-stage";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "practice 001: tools in base/dev stages, runtime installs libpq5 and curl",
      code: "FROM python:3.13-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc curl make\nFROM base AS development\nRUN echo dev\nFROM python:3.13-slim AS production\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl\n",
    },
    { name: "single stage is multi-stage-build's business", code: "FROM python:3.13-slim\nRUN apt-get install -y gcc\n" },
    {
      name: "practice 000 hardened -dev only in the builder",
      code: "FROM dhi.io/python:3.13-debian13-dev AS builder\nFROM dhi.io/python:3.13-debian13\n",
    },
  ],
  invalid: [
    {
      name: "compiler and headers in the final stage",
      code: "FROM python:3.13 AS builder\nFROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends «gcc» libpq-dev\n",
      errors: [{ messageId: "buildPackage" }, { messageId: "buildPackage", line: 3, column: 70 }],
    },
    {
      name: "inherited from the stage the runtime is built FROM",
      code: "FROM python:3.13-slim AS base\nRUN apk add build-base\nFROM base AS builder\nFROM base AS runtime\n",
      errors: [{ messageId: "buildPackage", line: 2, column: 13 }],
    },
    {
      name: "hardened -dev image as runtime",
      code: "FROM dhi.io/python:3.13-debian13-dev AS builder\nFROM «dhi.io/python:3.13-debian13-dev»\n",
      errors: [{ messageId: "devBase" }],
    },
  ],
});
