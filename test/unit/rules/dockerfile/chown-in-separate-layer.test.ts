import { rule } from "../../../../server/src/engine/rules/dockerfile/chown-in-separate-layer";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=app:app . .\n",
      {
        name: "practice 001: chown of the empty WORKDIR only",
        code: "FROM python:3.13-slim\nWORKDIR /app\nRUN chown appuser:appuser /app\nCOPY --chown=appuser:appuser . .\n",
      },
      {
        name: "chown -R of a folder no COPY wrote",
        code: "FROM python:3.13-slim\nCOPY app.py /app/\nRUN mkdir /data && chown -R app:app /data\n",
      },
      { name: "COPY in another stage", code: "FROM python:3.13 AS b\nCOPY . /app\nFROM python:3.13-slim\nRUN chown -R app /app\n" },
    ],
    invalid: [
      {
        name: "practice 002: chown -R of the whole app after COPY --from",
        code: "FROM python:3.11-slim AS runtime\nWORKDIR /app\nCOPY --from=builder /app/src ./src\nRUN «chown -R appuser:appuser /app»\nUSER appuser\n",
        errors: [{ messageId: "chown" }],
        output:
          "FROM python:3.11-slim AS runtime\nWORKDIR /app\nCOPY --from=builder --chown=appuser:appuser /app/src ./src\nUSER appuser\n",
      },
      {
        name: "two copies under the folder, relative target",
        code: "FROM node:22-slim\nWORKDIR /srv\nCOPY package.json ./\nCOPY dist/ ./dist/\nRUN chown -R node:node .\n",
        errors: [{ messageId: "chown", line: 5, column: 5 }],
        output: "FROM node:22-slim\nWORKDIR /srv\nCOPY --chown=node:node package.json ./\nCOPY --chown=node:node dist/ ./dist/\n",
      },
      {
        name: "combined with other commands: reported without a fix",
        code: "FROM python:3.13-slim\nCOPY . /app\nRUN chmod +x /app/run.sh && chown -R app:app /app\n",
        errors: [{ messageId: "chown", line: 3, column: 29 }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
