import { rule } from "../../../../server/src/engine/rules/compose/healthcheck-missing";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'services:\n  cache:\n    image: redis:7.2\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
    { name: "unknown image nobody depends on", code: "services:\n  web:\n    image: nginx:1.27\n" },
    {
      name: "HEALTHCHECK in the Dockerfile",
      files: { Dockerfile: "FROM python:3.13-slim\nHEALTHCHECK CMD python -c 'print(1)'\n" },
      code: "services:\n  api:\n    build: .\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n",
    },
    {
      name: "multi-file: healthcheck in the base, override only changes ports",
      fileName: "compose.override.yml",
      files: { "compose.yml": 'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n' },
      code: 'services:\n  db:\n    ports: ["127.0.0.1:5432:5432"]\n',
    },
    {
      name: "override is not where the service is defined",
      fileName: "compose.override.yml",
      files: { "compose.yml": "services:\n  db:\n    image: postgres:16.4\n" },
      code: "services:\n  db:\n    environment:\n      A: b\n",
    },
    {
      name: "init job waited for with service_completed_successfully",
      code: "services:\n  migrate:\n    image: acme/api:1.0\n  api:\n    image: acme/api:1.0\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n",
    },
  ],
  invalid: [
    {
      name: "postgres",
      code: "services:\n  «db»:\n    image: postgres:16.2-alpine\n    restart: unless-stopped\n",
      errors: [{ messageId: "wellKnown" }],
      output:
        'services:\n  db:\n    image: postgres:16.2-alpine\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres} -d $${POSTGRES_DB:-postgres}"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 10s\n',
    },
    {
      name: "redis, 4-space indentation",
      code: "services:\n    «cache»:\n        image: redis:7-alpine\n",
      errors: [{ messageId: "wellKnown" }],
      output:
        'services:\n    cache:\n        image: redis:7-alpine\n        healthcheck:\n            test: ["CMD", "redis-cli", "ping"]\n            interval: 10s\n            timeout: 5s\n            retries: 5\n            start_period: 5s\n',
    },
    {
      name: "Dagster code server",
      code: 'services:\n  «user-code»:\n    image: acme/pipelines:1.0\n    entrypoint: ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4001", "-m", "pipelines"]\n',
      errors: [{ messageId: "wellKnown" }],
      output:
        'services:\n  user-code:\n    image: acme/pipelines:1.0\n    entrypoint: ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4001", "-m", "pipelines"]\n    healthcheck:\n      test: ["CMD", "dagster", "api", "grpc-health-check", "-p", "4001"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s\n',
    },
    {
      name: "depended on, unknown image: no fix",
      code: "services:\n  «api»:\n    image: acme/api:1.0\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n",
      errors: [{ messageId: "dependedOn" }],
    },
    {
      name: "multi-file: depended on from the override",
      files: { "compose.override.yml": "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - api\n" },
      code: "services:\n  «api»:\n    image: acme/api:1.0\n",
      errors: [{ messageId: "dependedOn" }],
    },
  ],
});
