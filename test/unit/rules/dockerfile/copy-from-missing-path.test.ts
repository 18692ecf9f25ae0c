import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-from-missing-path";
import { testRule } from "../../helpers/ruleTester";

const UV = "FROM python:3.13-slim AS builder\nCOPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /bin/\nWORKDIR /app\n";

testRule(
  rule,
  {
    valid: [
      // the stage makes it
      "FROM python:3.13-slim AS b\nWORKDIR /app\nRUN python -m venv /app/.venv\nFROM python:3.13-slim\nCOPY --from=b /app/.venv /app/.venv\n",
      "FROM node:22 AS b\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM node:22-slim\nCOPY --from=b /app/node_modules ./node_modules\n",
      "FROM python:3.13-slim AS b\nRUN mkdir -p /out/data\nFROM python:3.13-slim\nCOPY --from=b /out /out\n",
      // copied from the build context: the context is not read here, anything may be in it
      UV +
        "COPY . .\nRUN uv sync --frozen\nFROM python:3.13-slim\nCOPY --from=builder /app/.venv /app/.venv\nCOPY --from=builder /app/dist /app/dist\n",
      {
        name: "a known build context that has the copied folder",
        code: "FROM python:3.13-slim AS b\nWORKDIR /app\nCOPY config.toml ./\nCOPY static/ ./static/\nFROM python:3.13-slim\nCOPY --from=b /app/static/site.css /srv/\n",
        files: { "config.toml": "", "static/site.css": "" },
      },
      {
        name: "relative COPY --from sources name the stage's root",
        code: "FROM python:3.13-slim AS b\nWORKDIR /app\nRUN mkdir -p /data\nFROM python:3.13-slim\nCOPY --from=b data /data\n",
      },
      // a command whose files are unknown
      "FROM node:22 AS b\nWORKDIR /app\nRUN ./build.sh\nFROM nginx:1.27\nCOPY --from=b /app/dist /usr/share/nginx/html\n",
      // an image the knowledge table does not describe, and system folders of a known one
      "FROM registry.example.com/tools:1 AS t\nFROM python:3.13-slim\nCOPY --from=t /opt/tool /opt/tool\n",
      "FROM python:3.13-slim AS b\nFROM python:3.13-slim\nCOPY --from=b /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages\n",
      // another image (not a stage), and stage numbers
      "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/\n",
      "FROM python:3.13-slim\nWORKDIR /app\nRUN python -m venv .venv\nFROM python:3.13-slim\nCOPY --from=0 /app/.venv /app/.venv\n",
    ],
    invalid: [
      {
        name: "a known build context without the file the later stage copies",
        code: "FROM python:3.13-slim AS b\nWORKDIR /app\nCOPY config.toml ./\nCOPY static/ ./static/\nFROM python:3.13-slim\nCOPY --from=b «/app/static/app.js» /srv/\n",
        files: { "config.toml": "", "static/site.css": "" },
        errors: [{ messageId: "missing" }],
      },
      {
        name: "a file .dockerignore keeps out of the build context",
        code: "FROM python:3.13-slim AS b\nWORKDIR /app\nCOPY config.toml ./\nCOPY . .\nFROM python:3.13-slim\nCOPY --from=b «/app/.env» /app/.env\n",
        files: { "config.toml": "", ".env": "SECRET=1\n", ".dockerignore": ".env\n" },
        errors: [{ messageId: "missing" }],
      },
      {
        name: "a relative COPY --from source names the stage's root, not its WORKDIR",
        code: "FROM python:3.13-slim AS b\nWORKDIR /app\nRUN python -m venv .venv\nFROM python:3.13-slim\nCOPY --from=b «.venv» /app/.venv\n",
        errors: [{ messageId: "missing" }],
      },
      {
        name: "practice 001: the venv is made in a sibling stage, not in the one copied from",
        code:
          "FROM python:3.13-slim AS base\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\nRUN chown app:app /app\n" +
          "FROM base AS development\nCOPY pyproject.toml ./\nRUN pip install uv\n" +
          "FROM python:3.13-slim AS production\nCOPY --from=base «/app/.venv» /app/.venv\n",
        errors: [{ messageId: "missing", line: 9 }],
      },
      {
        name: "a build output the stage never builds",
        code: "FROM node:22 AS b\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=b «/app/dist» /usr/share/nginx/html\n",
        errors: [{ messageId: "missing" }],
      },
      {
        name: "a stage number",
        code: "FROM python:3.13-slim\nWORKDIR /app\nFROM python:3.13-slim\nCOPY --from=0 «/app/.venv» /app/.venv\n",
        errors: [{ messageId: "missing" }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in the child build, not in the stage being copied from: a path it would make is really missing here",
    },
  },
);
