import { rule } from "../../../../server/src/engine/rules/dockerfile/no-dev-dependencies-in-runtime";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "the runtime copies only the built output (dist/)",
        code: "FROM node:22-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
      },
      {
        name: "npm prune --omit=dev after the install",
        code: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build && npm prune --omit=dev\nCMD ["node", "dist/server.js"]\n',
      },
      {
        name: "npm prune --production in the builder, node_modules copied",
        code: "FROM node:22-slim AS build\nWORKDIR /app\nRUN npm ci && npm run build && npm prune --production\nFROM node:22-slim\nCOPY --from=build /app/node_modules /app/node_modules\n",
      },
      {
        name: "uv builder: only the wheel is copied",
        code: "FROM python:3.13-slim AS build\nWORKDIR /src\nRUN uv sync --frozen && uv build\nFROM python:3.13-slim\nCOPY --from=build /src/dist/*.whl /tmp/\n",
      },
      {
        name: "a relative COPY --from source names the source stage's root, not its WORKDIR (here /node_modules, not /app/node_modules)",
        code: "FROM node:22-slim AS build\nWORKDIR /app\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build node_modules /app/node_modules\n",
      },
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
        name: "the runtime copies node_modules from a builder with dev dependencies",
        code: "FROM node:22-slim AS build\nWORKDIR /app\nRUN «npm ci»\nFROM node:22-slim\nCOPY --from=build /app/node_modules /app/node_modules\n",
        errors: [{ messageId: "devDeps" }],
        output:
          "FROM node:22-slim AS build\nWORKDIR /app\nRUN npm ci --omit=dev\nFROM node:22-slim\nCOPY --from=build /app/node_modules /app/node_modules\n",
      },
      {
        name: "a relative COPY --from source that names the installed packages from the root",
        code: "FROM node:22-slim AS build\nRUN «npm ci»\nFROM node:22-slim\nCOPY --from=build node_modules /app/node_modules\n",
        errors: [{ messageId: "devDeps" }],
        output: "FROM node:22-slim AS build\nRUN npm ci --omit=dev\nFROM node:22-slim\nCOPY --from=build node_modules /app/node_modules\n",
      },
      {
        name: "the runtime copies the whole work folder",
        code: "FROM python:3.13-slim AS build\nWORKDIR /app\nRUN «uv sync» --frozen\nFROM python:3.13-slim\nCOPY --from=build /app /app\n",
        errors: [{ messageId: "devDeps" }],
      },
      {
        name: "prune before the install does not count",
        code: "FROM node:22-slim\nRUN npm prune --omit=dev && «npm ci»\n",
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
