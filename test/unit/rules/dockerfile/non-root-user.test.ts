import { rule } from "../../../../server/src/engine/rules/dockerfile/non-root-user";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      'FROM python:3.13-slim\nRUN useradd --create-home app\nUSER app\nCMD ["python", "app.py"]\n',
      {
        name: "root in the builder does not matter",
        code: "FROM python:3.13 AS builder\nUSER root\nRUN pip wheel .\nFROM python:3.13-slim\nUSER 1000:1000\n",
      },
      {
        name: "USER inherited from a parent stage",
        code: 'FROM python:3.13-slim AS base\nUSER app\nFROM base AS runtime\nCMD ["python"]\n',
      },
      { name: "hardened runtime images run as nonroot", code: 'FROM dhi.io/python:3.13-debian13\nCMD ["python", "-m", "app"]\n' },
      { name: "distroless nonroot", code: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCMD ["app.py"]\n' },
      { name: "dev stage may run as root", code: "FROM python:3.13-slim AS base\nUSER app\nFROM base AS dev\nUSER root\n" },
      { name: "a dev Dockerfile", code: 'FROM python:3.13-slim\nCMD ["python"]\n', fileName: "Dockerfile.dev" },
      { name: "root then back to a user", code: "FROM python:3.13-slim\nUSER root\nRUN apt-get update\nUSER app\n" },
    ],
    invalid: [
      {
        name: "CKV_DOCKER_3: no USER on Debian: groupadd/useradd before CMD",
        code: '«FROM python:3.13-slim»\nWORKDIR /app\nCMD ["python", "app.py"]\n',
        errors: [{ messageId: "noUser" }],
        output:
          'FROM python:3.13-slim\nWORKDIR /app\nRUN groupadd --system app && useradd --system --gid app --create-home app\nUSER app\nCMD ["python", "app.py"]\n',
      },
      {
        name: "Alpine: addgroup -S/adduser -S, appended when there is no CMD",
        code: "FROM node:22-alpine\nCOPY . .",
        errors: [{ messageId: "noUser", line: 1 }],
        output: "FROM node:22-alpine\nCOPY . .\nRUN addgroup -S app && adduser -S -G app app\nUSER app\n",
      },
      {
        name: "a user is created but never used: only USER is added",
        code: 'FROM python:3.13-slim\nRUN groupadd -r appuser && useradd -r -g appuser appuser\nENTRYPOINT ["/entrypoint.sh"]\n',
        errors: [{ messageId: "noUser", line: 1 }],
        output:
          'FROM python:3.13-slim\nRUN groupadd -r appuser && useradd -r -g appuser appuser\nUSER appuser\nENTRYPOINT ["/entrypoint.sh"]\n',
      },
      {
        name: "DL3002: last USER is root",
        code: "FROM python:3.13-slim\nRUN useradd app\nUSER app\nRUN echo\n«USER root»\n",
        errors: [{ messageId: "rootUser" }],
        output: "FROM python:3.13-slim\nRUN useradd app\nUSER app\nRUN echo\nUSER app\n",
      },
      {
        name: "USER 0:0 in the final stage of a multi-stage build",
        code: "FROM python:3.13 AS build\nFROM python:3.13-slim\nUSER 0:0\n",
        errors: [{ messageId: "rootUser", line: 3 }],
      },
      {
        name: "hardened -dev variant has no non-root default",
        code: "FROM dhi.io/python:3.13-debian13-dev\n",
        errors: [{ messageId: "noUser" }],
        output: "FROM dhi.io/python:3.13-debian13-dev\nUSER nonroot\n",
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
