import { rule } from "../../../../server/src/engine/rules/dockerfile/secrets-in-build-args";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nARG PYTHON_VERSION=3.13\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    "FROM postgres:17\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg\n",
    "FROM python:3.13-slim\nRUN --mount=type=secret,id=token,env=TOKEN pip install app\n",
    "FROM python:3.13-slim\nENV DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app\n",
    {
      name: "BuildKit's allow words (public, file, version) anywhere in the name",
      code: "FROM alpine:3.22\nARG PUBLIC_KEY\nARG public_token\nARG DEPLOY_KEY_FILE\nENV AUTH_MODULE_VERSION=2\nENV PWD=/srv\n",
    },
  ],
  invalid: [
    {
      name: "BuildKit's secret words as whole words: key, pword, auth, credential",
      code: "FROM alpine:3.22\nARG SSH_KEY\nARG DEPLOY_KEY\nARG DB_PWORD\nARG JWT_SIGNING_KEY\nARG git_key\nARG auth\nARG CREDENTIAL\nARG KEYCLOAK_REALM\n",
      errors: [
        { messageId: "arg", line: 2 },
        { messageId: "arg", line: 3 },
        { messageId: "arg", line: 4 },
        { messageId: "arg", line: 5 },
        { messageId: "arg", line: 6 },
        { messageId: "arg", line: 7 },
        { messageId: "arg", line: 8 },
      ],
    },
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
