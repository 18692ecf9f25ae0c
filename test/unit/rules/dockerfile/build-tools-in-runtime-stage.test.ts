import { rule } from "../../../../server/src/engine/rules/dockerfile/build-tools-in-runtime-stage";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "practice 001: tools in base/dev stages, runtime installs libpq5 and curl",
        code: "FROM python:3.13-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc curl make\nFROM base AS development\nRUN echo dev\nFROM python:3.13-slim AS production\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl\n",
      },
      { name: "single stage is multi-stage-build's business", code: "FROM python:3.13-slim\nRUN apt-get install -y gcc\n" },
      {
        name: "a toolchain image built for others (no CMD, nothing from the context): compilers are its product",
        code: "FROM debian:bookworm-slim AS build\nRUN echo build the toolchain into /target\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends g++ gcc libc6-dev make pkg-config && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /target/ /\nENV PATH=/usr/local/go/bin:$PATH\nWORKDIR /go\n",
      },
      {
        name: "an interpreter image whose CMD only opens the prompt, with its entrypoint script",
        code: 'FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends gcc libffi-dev\nCOPY --from=build /opt/py /usr/local\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python3"]\n',
      },
      {
        name: "practice 000 hardened -dev only in the builder",
        code: "FROM dhi.io/python:3.13-debian13-dev AS builder\nFROM dhi.io/python:3.13-debian13\n",
      },
    ],
    invalid: [
      {
        name: "compiler and headers in the final stage",
        code: 'FROM python:3.13 AS builder\nFROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends «gcc» libpq-dev\nCMD ["python", "-m", "app"]\n',
        errors: [{ messageId: "buildPackage" }, { messageId: "buildPackage", line: 3, column: 70 }],
      },
      {
        name: "inherited from the stage the runtime is built FROM",
        code: "FROM python:3.13-slim AS base\nRUN apk add build-base\nFROM base AS builder\nFROM base AS runtime\nCOPY . /app\n",
        errors: [{ messageId: "buildPackage", line: 2, column: 13 }],
      },
      {
        name: "hardened -dev image as runtime",
        code: 'FROM dhi.io/python:3.13-debian13-dev AS builder\nFROM «dhi.io/python:3.13-debian13-dev»\nCMD ["python", "-m", "app"]\n',
        errors: [{ messageId: "devBase" }],
      },
      {
        name: "no CMD, but the application is copied in: not a toolchain image",
        code: "FROM python:3.13 AS builder\nFROM python:3.13-slim\nRUN apt-get install -y «gcc»\nCOPY . /app\n",
        errors: [{ messageId: "buildPackage" }],
      },
      {
        name: "a CMD that runs a script with the interpreter is an application",
        code: 'FROM python:3.13 AS builder\nFROM python:3.13-slim\nRUN apt-get install -y «gcc»\nCMD ["python3", "app.py"]\n',
        errors: [{ messageId: "buildPackage" }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
