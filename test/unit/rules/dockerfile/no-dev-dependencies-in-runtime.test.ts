import { rule } from "../../../../server/src/engine/rules/dockerfile/no-dev-dependencies-in-runtime";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM python:3.13-slim\nRUN uv sync --frozen --no-dev\n",
      "FROM python:3.13-slim\nRUN poetry install --no-interaction --no-ansi --no-root --only main\n",
      "FROM node:22-slim\nRUN npm ci --omit=dev\n",
      { name: "NODE_ENV=production", code: "FROM node:22-slim\nENV NODE_ENV=production\nRUN npm ci\n" },
      {
        name: "a dev stage installs everything",
        code: 'FROM python:3.13-slim AS base\nFROM base AS development\nRUN uv sync --frozen\nFROM base AS production\nCMD ["python"]\n',
      },
      {
        name: "a dev Dockerfile (practice 002 Dockerfile.dev)",
        fileName: "Dockerfile.dev",
        code: "FROM python:3.11-slim\nRUN poetry install --no-interaction --no-ansi\n",
      },
      {
        name: "a dev Dockerfile by its folder (compose/local/…, .devcontainer/)",
        fileName: "compose/local/docs/Dockerfile",
        code: "FROM python:3.13-slim\nRUN uv sync --frozen\n",
      },
      {
        name: "a test stage the runtime does not use",
        code: "FROM python:3.13-slim AS test\nRUN uv sync --frozen\nRUN pytest\nFROM python:3.13-slim\nRUN uv sync --frozen --no-dev\n",
      },
    ],
    invalid: [
      {
        name: "the production twin of a dev folder",
        fileName: "compose/production/docs/Dockerfile",
        code: "FROM python:3.13-slim\nRUN «uv sync» --frozen\n",
        errors: [{ messageId: "devDeps" }],
      },
      {
        code: "FROM python:3.13-slim\nRUN «uv sync» --frozen\n",
        errors: [{ messageId: "devDeps" }],
        output: "FROM python:3.13-slim\nRUN uv sync --no-dev --frozen\n",
      },
      {
        name: "builder whose venv the runtime copies",
        code: "FROM python:3.13-slim AS builder\nRUN poetry install --no-root\nFROM python:3.13-slim\nCOPY --from=builder /app/.venv /app/.venv\n",
        errors: [{ messageId: "devDeps", line: 2, column: 5 }],
        output:
          "FROM python:3.13-slim AS builder\nRUN poetry install --only main --no-root\nFROM python:3.13-slim\nCOPY --from=builder /app/.venv /app/.venv\n",
      },
      {
        name: "npm ci in exec form",
        code: 'FROM node:22-slim\nRUN ["npm", "ci"]\n',
        errors: [{ messageId: "devDeps", line: 2 }],
        output: 'FROM node:22-slim\nRUN ["npm", "ci", "--omit=dev"]\n',
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
