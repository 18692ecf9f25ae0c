import { rule } from "../../../../server/src/engine/rules/dockerfile/exec-form-cmd";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "HEALTHCHECK shell form where a shell exists",
      code: 'FROM debian:bookworm-slim\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["app"]\n',
    },
    {
      name: "HEALTHCHECK on an unknown image: not known to lack a shell",
      code: 'FROM acme/base:1.0\nHEALTHCHECK CMD /app check\nCMD ["app"]\n',
    },
    {
      name: "HEALTHCHECK JSON form and NONE",
      code: 'FROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD ["/app", "check"]\nFROM gcr.io/distroless/static-debian12\nHEALTHCHECK NONE\n',
    },
    'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
    'FROM python:3.13-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n',
    { name: "RUN in shell form is fine", code: "FROM python:3.13-slim\nRUN echo hi\n" },
    {
      name: "a stage with its own SHELL (BuildKit skips it)",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD Write-Host hi\n',
    },
    {
      name: "SHELL set in the parent stage",
      code: 'FROM debian:trixie-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nCMD echo hi\n',
    },
  ],
  invalid: [
    {
      name: "HEALTHCHECK CMD in shell form on an image without a shell",
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\n«HEALTHCHECK» --interval=30s CMD /app healthcheck\nCMD ["/app"]\n',
      errors: [{ messageId: "healthcheckShell" }],
      output:
        'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nHEALTHCHECK --interval=30s CMD ["/app", "healthcheck"]\nCMD ["/app"]\n',
    },
    {
      name: "DL3025: CMD shell form, converted",
      code: "FROM python:3.13-slim\n«CMD» uvicorn app.main:app --host 0.0.0.0 --port 8000\n",
      errors: [{ messageId: "shellForm" }],
      output: 'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    },
    {
      name: "ENTRYPOINT shell form, quotes kept as words",
      code: 'FROM node:22-slim\n«ENTRYPOINT» node "server file.js"\n',
      errors: [{ messageId: "shellForm" }],
      output: 'FROM node:22-slim\nENTRYPOINT ["node", "server file.js"]\n',
    },
    {
      name: "variables need a shell: reported without a fix",
      code: 'FROM python:3.13-slim\n«CMD» dagster dev -h 0.0.0.0 -p 3000 -m "$DAGSTER_MODULE"\n',
      errors: [{ messageId: "shellForm" }],
    },
    {
      name: "&& needs a shell: no fix",
      code: "FROM python:3.13-slim\nCMD alembic upgrade head && uvicorn app:app\n",
      errors: [{ messageId: "shellForm", line: 2, column: 1 }],
    },
    {
      name: "in a builder stage too, with line continuation",
      code: "FROM node:22 AS build\ncmd npm \\\n  start\nFROM nginx:1.27\n",
      errors: [{ messageId: "shellForm", line: 2 }],
      output: 'FROM node:22 AS build\ncmd ["npm", "start"]\nFROM nginx:1.27\n',
    },
  ],
});
