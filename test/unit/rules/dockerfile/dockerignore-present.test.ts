import { recommendedDockerignore } from "../../../../server/src/engine/knowledge/dockerignore";
import { rule } from "../../../../server/src/engine/rules/dockerfile/dockerignore-present";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { code: "FROM python:3.13-slim\nCOPY . .\n", files: { ".dockerignore": ".git\n" } },
    { name: "no whole-context copy", code: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nCOPY src/ src/\n" },
    { name: "COPY --from a stage is not the context", code: "FROM python:3.13 AS b\nFROM python:3.13-slim\nCOPY --from=b . .\n" },
    {
      name: "<Dockerfile>.dockerignore next to it",
      fileName: "deploy/app.Dockerfile",
      code: "FROM python:3.13-slim\nCOPY . .\n",
      files: { "app.Dockerfile.dockerignore": ".git\n" },
    },
    {
      name: "context at the repository root (practice 000 layout)",
      fileName: "deploy/docker/pluginlake.Dockerfile",
      code: "FROM python:3.13-slim\nCOPY . .\n",
      files: { "../../.dockerignore": ".git\n" },
    },
  ],
  invalid: [
    {
      name: "fix creates a .dockerignore next to the Dockerfile",
      code: "FROM python:3.13-slim\nWORKDIR /app\n«COPY . .»\n",
      files: { "pyproject.toml": "[project]\nname='a'\n" },
      errors: [{ messageId: "missing" }],
      output: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n",
      outputFiles: { ".dockerignore": recommendedDockerignore({ python: true, node: false }) },
    },
    {
      name: "Node project gets node_modules excluded",
      code: "FROM node:22-slim\nCOPY --chown=node:node ./ /srv/\n",
      files: { "package.json": "{}" },
      errors: [{ messageId: "missing", line: 2 }],
      output: "FROM node:22-slim\nCOPY --chown=node:node ./ /srv/\n",
      outputFiles: { ".dockerignore": recommendedDockerignore({ python: false, node: true }) },
    },
  ],
});
