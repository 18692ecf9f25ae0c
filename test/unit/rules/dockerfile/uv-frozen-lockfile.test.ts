import { rule } from "../../../../server/src/engine/rules/dockerfile/uv-frozen-lockfile";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nRUN uv sync --frozen --no-dev\n",
    "FROM python:3.13-slim\nRUN uv sync --locked\n",
    { name: "UV_FROZEN in ENV", code: "FROM python:3.13-slim\nENV UV_FROZEN=1\nRUN uv sync --no-dev\n" },
    { name: "UV_LOCKED inline", code: "FROM python:3.13-slim\nRUN UV_LOCKED=1 uv sync\n" },
    { name: "uv pip install is not a sync", code: "FROM python:3.13-slim\nRUN uv pip install --system requests\n" },
  ],
  invalid: [
    {
      code: "FROM python:3.13-slim\nRUN «uv sync» --no-dev\n",
      errors: [{ messageId: "notFrozen" }],
      output: "FROM python:3.13-slim\nRUN uv sync --frozen --no-dev\n",
    },
    {
      name: "dev stage too (reproducible dev builds), after a cache mount",
      code: "FROM python:3.13-slim AS dev\nRUN --mount=type=cache,target=/root/.cache/uv cd /app && uv sync\n",
      errors: [{ messageId: "notFrozen", line: 2, column: 58 }],
      output: "FROM python:3.13-slim AS dev\nRUN --mount=type=cache,target=/root/.cache/uv cd /app && uv sync --frozen\n",
    },
    {
      name: "exec form",
      code: 'FROM python:3.13-slim\nRUN ["uv", "sync"]\n',
      errors: [{ messageId: "notFrozen", line: 2 }],
      output: 'FROM python:3.13-slim\nRUN ["uv", "sync", "--frozen"]\n',
    },
  ],
});
