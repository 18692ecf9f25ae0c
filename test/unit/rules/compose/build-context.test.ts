import { rule } from "../../../../server/src/engine/rules/compose/build-context";
import { testRule } from "../../helpers/ruleTester";

const DF = "FROM python:3.13-slim AS builder\nRUN true\nFROM python:3.13-slim AS runtime\n";

testRule(rule, {
  valid: [
    { code: "services:\n  api:\n    build: .\n", files: { Dockerfile: DF } },
    {
      name: "dockerfile relative to the context, target exists",
      fileName: "deploy/compose/compose.yml",
      files: { "../../docker/api.Dockerfile": DF },
      code: "services:\n  api:\n    build:\n      context: ../../\n      dockerfile: docker/api.Dockerfile\n      target: runtime\n",
    },
    { name: "remote context", code: "services:\n  api:\n    build: https://github.com/acme/api.git#main\n" },
    {
      name: "inline Dockerfile",
      files: { "app/x": "" },
      code: "services:\n  api:\n    build:\n      context: app\n      dockerfile_inline: |\n        FROM alpine:3.20\n",
    },
  ],
  invalid: [
    { code: "services:\n  api:\n    build: «./api»\n", errors: [{ messageId: "noContext" }] },
    {
      name: "missing Dockerfile",
      files: { "src/main.py": "" },
      code: "services:\n  api:\n    build:\n      context: .\n      dockerfile: «Dockerfile.dev»\n",
      errors: [{ messageId: "noDockerfile" }],
    },
    {
      name: "unknown target",
      files: { Dockerfile: DF },
      code: "services:\n  api:\n    build:\n      context: .\n      target: «production»\n",
      errors: [{ messageId: "noTarget" }],
    },
  ],
});
