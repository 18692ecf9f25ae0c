import { rule } from "../../../../server/src/engine/rules/dockerfile/secrets-in-build-args";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nARG PYTHON_VERSION=3.13\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    "FROM postgres:17\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg\n",
    "FROM python:3.13-slim\nRUN --mount=type=secret,id=token,env=TOKEN pip install app\n",
    "FROM python:3.13-slim\nENV DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app\n",
  ],
  invalid: [
    {
      name: "ARG token used by one RUN: mounted as a secret instead",
      code: "FROM python:3.13-slim\nARG «PIP_TOKEN»\nRUN pip install --index-url https://u:$PIP_TOKEN@pypi.example.com/simple app\n",
      errors: [{ messageId: "arg" }],
      output:
        "FROM python:3.13-slim\nRUN --mount=type=secret,id=pip_token,env=PIP_TOKEN pip install --index-url https://u:$PIP_TOKEN@pypi.example.com/simple app\n",
    },
    {
      name: "ARG with a default, RUN with its own mount flag already",
      code: "FROM node:22-slim\nARG NPM_TOKEN=abc\nRUN --mount=type=cache,target=/root/.npm echo ${NPM_TOKEN} > .npmrc && npm ci\n",
      errors: [{ messageId: "arg", line: 2, column: 5 }],
      output:
        "FROM node:22-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN --mount=type=cache,target=/root/.npm echo ${NPM_TOKEN} > .npmrc && npm ci\n",
    },
    {
      name: "SecretsUsedInArgOrEnv: ENV password (no automatic fix)",
      code: "FROM postgres:17\nENV «POSTGRES_PASSWORD»=secret\n",
      errors: [{ messageId: "env" }],
    },
    {
      name: "a connection URL with a password under a harmless name",
      code: "FROM python:3.12\nENV «DATABASE_URL»=postgresql+psycopg://orders:orders-secret@db:5432/orders\nENV REDIS_URL=redis://redis:6379/0\n",
      errors: [{ messageId: "urlPassword" }],
    },
    {
      name: "BuildKit's own example: lower-case keys, two on one line",
      code: "FROM alpine\nENV «passwd»=banana secret=passwd\n",
      errors: [{ messageId: "env" }, { messageId: "env", line: 2, column: 19 }],
    },
    {
      name: "global ARG before FROM",
      code: "ARG AWS_SECRET_ACCESS_KEY\nFROM alpine:3.22\n",
      errors: [{ messageId: "arg", line: 1 }],
    },
    {
      name: "ENV legacy form, in a builder stage",
      code: "FROM python:3.13 AS build\nENV API_TOKEN abc\nFROM python:3.13-slim\n",
      errors: [{ messageId: "env", line: 2 }],
    },
  ],
});
