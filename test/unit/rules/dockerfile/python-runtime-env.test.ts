import { rule } from "../../../../server/src/engine/rules/dockerfile/python-runtime-env";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCMD ["python", "app.py"]\n',
    {
      name: "set in the parent stage",
      code: 'FROM python:3.13-slim AS base\nENV PYTHONUNBUFFERED=1 \\\n    PYTHONDONTWRITEBYTECODE=1\nFROM base\nCMD ["python"]\n',
    },
    { name: "not a Python image", code: 'FROM node:22-slim\nCMD ["node", "server.js"]\n' },
    { name: "no start command yet (a base image)", code: "FROM python:3.13-slim\nRUN pip install requests\n" },
    { name: "dev stage", code: 'FROM python:3.13-slim AS dev\nCMD ["python"]\n' },
  ],
  invalid: [
    {
      code: '«FROM python:3.13-slim»\nCMD ["python", "app.py"]\n',
      errors: [{ messageId: "missing" }],
      output: 'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCMD ["python", "app.py"]\n',
    },
    {
      name: "practice 001 production stage (the base stage's ENV is not inherited)",
      code: 'FROM python:3.13-slim AS base\nENV PYTHONUNBUFFERED=1\nFROM python:3.13-slim AS production\nENV PYTHONDONTWRITEBYTECODE=1\nCMD ["uvicorn", "src.main:app"]\n',
      errors: [{ messageId: "missing", line: 3 }],
      output:
        'FROM python:3.13-slim AS base\nENV PYTHONUNBUFFERED=1\nFROM python:3.13-slim AS production\nENV PYTHONUNBUFFERED=1\nENV PYTHONDONTWRITEBYTECODE=1\nCMD ["uvicorn", "src.main:app"]\n',
    },
    {
      name: "uv image with Python",
      code: 'FROM ghcr.io/astral-sh/uv:0.8-python3.13-trixie-slim\nCMD ["uv", "run", "app"]',
      errors: [{ messageId: "missing" }],
      output:
        'FROM ghcr.io/astral-sh/uv:0.8-python3.13-trixie-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCMD ["uv", "run", "app"]',
    },
  ],
});
