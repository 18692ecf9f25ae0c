import { rule } from "../../../../server/src/engine/rules/compose/depends-on-healthy";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

const DB = '  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n';

testRule(rule, {
  valid: [
    {
      name: "an explicit condition: service_started is deliberate",
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_started\n${DB}`,
    },
    `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
    {
      name: "dependency without healthcheck",
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [cache]\n  cache:\n    image: redis:7.2\n",
    },
    {
      name: "healthcheck disabled",
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n  db:\n    image: acme/db:1\n    healthcheck:\n      disable: true\n",
    },
    {
      name: "override upgrades the condition",
      files: { "compose.override.yml": "services:\n  api:\n    depends_on:\n      db:\n        condition: service_healthy\n" },
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      - db\n${DB}`,
    },
    {
      name: "completed successfully",
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_completed_successfully\n${DB}`,
    },
  ],
  invalid: [
    {
      name: "short form, rewritten to the long form",
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      - «db»\n      - cache\n${DB}  cache:\n    image: redis:7.2\n`,
      errors: [{ messageId: "notHealthy" }],
      output: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n${DB}  cache:\n    image: redis:7.2\n`,
    },
    {
      name: "flow list",
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on: [«db»]\n${DB}`,
      errors: [{ messageId: "notHealthy" }],
      output: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
    },
    {
      name: "YAML anchor merged by two services: one finding on the anchor, naming both",
      code: `x-app: &app\n  image: acme/api:1.0\n  depends_on:\n    - «db»\nservices:\n  api:\n    <<: *app\n  worker:\n    <<: *app\n${DB}`,
      errors: [{ messageId: "notHealthy" }],
    },
    {
      name: "long form without condition",
      code: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      «db»:\n        restart: true\n${DB}`,
      errors: [{ messageId: "notHealthy" }],
      output: `services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        restart: true\n        condition: service_healthy\n${DB}`,
    },
    {
      name: "multi-file: healthcheck in the base file, depends_on in the override",
      fileName: "compose.override.yml",
      files: { "compose.yml": `services:\n  api:\n    image: acme/api:1.0\n${DB}` },
      code: "services:\n  api:\n    depends_on:\n      - «db»\n",
      errors: [{ messageId: "notHealthy" }],
      output: "services:\n  api:\n    depends_on:\n      db:\n        condition: service_healthy\n",
    },
    {
      name: "HEALTHCHECK in the Dockerfile the dependency builds",
      files: { "worker/Dockerfile": 'FROM python:3.13-slim\nHEALTHCHECK CMD ["python", "-c", "print(1)"]\n' },
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [«worker»]\n  worker:\n    build: ./worker\n",
      errors: [{ messageId: "notHealthy" }],
    },
  ],
});

describe("depends-on-healthy with anchors", () => {
  it("names every service that merges the anchor", () => {
    const code = `x-app: &app\n  image: acme/api:1.0\n  depends_on:\n    - db\nservices:\n  api:\n    <<: *app\n  worker:\n    <<: *app\n${DB}`;
    const { findings } = runRule(rule, { code });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /`api`, `worker`/);
    assert.equal(findings[0]?.range.start.line, 3);
  });
});
