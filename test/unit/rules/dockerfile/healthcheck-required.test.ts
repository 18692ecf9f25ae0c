import { rule } from "../../../../server/src/engine/rules/dockerfile/healthcheck-required";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n",
    {
      name: "inherited from the parent stage; builders that are copied from are exempt",
      code: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nCOPY --from=build /app /app\n",
    },
  ],
  invalid: [
    { code: '«FROM» python:3.13-slim\nCMD ["python", "worker.py"]\n', errors: [{ messageId: "missing" }] },
    {
      name: "a stage nothing uses is an image too",
      code: "FROM python:3.13-slim AS tools\nFROM nginx:1.27\nHEALTHCHECK NONE\n",
      errors: [{ messageId: "missing", line: 1 }],
    },
  ],
});
