import { rule } from "../../../../server/src/engine/rules/compose/env-file";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "gitignored .env documented by a committed .env.example",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: .env\n",
      files: { ".env.example": "API_URL=\n", ".gitignore": ".env\n" },
    },
    {
      name: ".env.production beside .env.production.example",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file:\n      - .env.production\n",
      files: { ".env.production.example": "API_URL=\n" },
    },
    {
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: .env.production\n",
      files: { ".env.production": "SECRET_KEY=abc\n", ".gitignore": ".env*\n!.env.example\n" },
    },
    {
      name: "optional env file",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file:\n      - path: ./local.env\n        required: false\n",
    },
    {
      name: "env file without secrets need not be ignored",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: app.env\n",
      files: { "app.env": "LOG_LEVEL=info\n" },
    },
    { name: "no .env.example: variables are not checked", code: "services:\n  api:\n    image: acme/api:${TAG}\n" },
    {
      name: "documented, defaulted, escaped",
      files: { ".env.example": "TAG=\n" },
      code: "services:\n  api:\n    image: acme/api:${TAG}\n    ports: [\"${PORT:-8000}:8000\"]\n    command: sh -c 'echo $$HOME'\n",
    },
    {
      name: "gitignore in a parent folder",
      fileName: "deploy/compose.yml",
      files: { "../.gitignore": "deploy/.env.production\n", ".env.production": "DB_PASSWORD=x\n" },
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: .env.production\n",
    },
  ],
  invalid: [
    {
      name: "a gitignored env file that is missing, with no template",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: «.env»\n",
      files: { ".gitignore": ".env\n" },
      errors: [{ messageId: "missingIgnored" }],
    },
    {
      name: "a template for another file does not count",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: «.env.production»\n",
      files: { ".env.example": "API_URL=\n" },
      errors: [{ messageId: "missing" }],
    },
    { code: "services:\n  api:\n    image: acme/api:1.0\n    env_file: «.env.production»\n", errors: [{ messageId: "missing" }] },
    {
      name: "secrets not ignored",
      code: "services:\n  api:\n    image: acme/api:1.0\n    env_file:\n      - «app.env»\n",
      files: { "app.env": "POSTGRES_PASSWORD=hunter2\n" },
      errors: [{ messageId: "notIgnored" }],
    },
    {
      name: "undocumented variable, fix appends to .env.example",
      files: { ".env.example": "POSTGRES_USER=\n" },
      code: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n      POSTGRES_PASSWORD: «${POSTGRES_PASSWORD}»\n      POSTGRES_DB: $POSTGRES_DB\n",
      errors: [{ messageId: "undocumented" }, { messageId: "undocumented", line: 7, column: 20 }],
      output:
        "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_DB: $POSTGRES_DB\n",
      outputFiles: { ".env.example": "POSTGRES_USER=\nPOSTGRES_DB=\nPOSTGRES_PASSWORD=\n" },
    },
  ],
});

describe("compose/env-file severity", () => {
  it("a missing gitignored env file is info; a missing file git would track keeps the rule's severity", () => {
    const code = "services:\n  api:\n    image: acme/api:1.0\n    env_file:\n      - .env\n      - config.env\n";
    const { findings } = runRule(rule, { code, files: { ".gitignore": ".env\n" } });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.severity]),
      [
        ["missingIgnored", "info"],
        ["missing", "warning"],
      ],
    );
  });
});
