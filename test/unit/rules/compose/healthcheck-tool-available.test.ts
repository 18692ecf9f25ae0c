import { rule } from "../../../../server/src/engine/rules/compose/healthcheck-tool-available";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "nginx:alpine ships curl",
      code: 'services:\n  web:\n    image: nginx:1.27-alpine\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
    },
    {
      name: "a built stage FROM nginx:alpine",
      files: { Dockerfile: "FROM nginx:alpine\nCOPY dist /usr/share/nginx/html\n" },
      code: 'services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]\n',
    },
    {
      name: "postgres alpine has BusyBox wget",
      code: 'services:\n  db:\n    image: postgres:16.4-alpine\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:8008/"]\n',
    },
    {
      name: "memcached alpine has BusyBox wget",
      code: 'services:\n  cache:\n    image: memcached:1.6-alpine\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:11211/"]\n',
    },
    'services:\n  api:\n    image: python:3.13\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
    {
      name: "unknown image",
      code: 'services:\n  api:\n    image: acme/api:1.0\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
    },
    {
      name: "wget on alpine",
      code: 'services:\n  api:\n    image: node:22-alpine\n    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]\n',
    },
    {
      name: "Dockerfile installs curl",
      files: { Dockerfile: "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n" },
      code: 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
    },
    {
      name: "opensearch has curl",
      code: 'services:\n  os:\n    image: opensearchproject/opensearch:2.15.0\n    healthcheck:\n      test: ["CMD-SHELL", "curl -s localhost:9200/_cluster/health | grep -qE \'(green|yellow)\'"]\n',
    },
  ],
  invalid: [
    {
      name: "nginx alpine-slim has no curl",
      code: 'services:\n  web:\n    image: nginx:1.27-alpine-slim\n    healthcheck:\n      test: ["CMD", "«curl»", "-f", "http://localhost/"]\n',
      errors: [{ messageId: "missingTool" }],
    },
    {
      code: 'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "«curl»", "-f", "http://localhost:5432"]\n',
      errors: [{ messageId: "missingTool" }],
    },
    {
      name: "slim python image",
      code: "services:\n  api:\n    image: python:3.13-slim\n    healthcheck:\n      test: «curl --fail http://localhost:8000/health || exit 1»\n",
      errors: [{ messageId: "missingTool" }],
    },
    {
      name: "built from a slim Dockerfile without curl",
      files: {
        "docker/api.Dockerfile": "FROM python:3.13-slim AS build\nRUN pip install uv\nFROM python:3.13-slim\nCOPY --from=build /x /x\n",
      },
      code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n    healthcheck:\n      test: ["CMD-SHELL", "«curl -f http://localhost:8000/health»"]\n',
      errors: [{ messageId: "missingTool" }],
    },
  ],
});
