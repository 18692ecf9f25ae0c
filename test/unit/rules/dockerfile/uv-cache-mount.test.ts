import { rule } from "../../../../server/src/engine/rules/dockerfile/uv-cache-mount";
import assert from "node:assert/strict";
import { it } from "node:test";
import { lint } from "../../../../server/src/engine/linter";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n",
    {
      name: "pip with --no-cache-dir (hadolint DL3042's answer)",
      code: "FROM python:3.13-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
    },
    { name: "UV_NO_CACHE", code: "FROM python:3.13-slim\nENV UV_NO_CACHE=1\nRUN uv sync --frozen\n" },
    { name: "uv --no-cache", code: "FROM python:3.13-slim\nRUN uv pip install --no-cache --system requests\n" },
    {
      name: "UV_CACHE_DIR mount",
      code: "FROM python:3.13-slim\nENV UV_CACHE_DIR=/cache\nRUN --mount=type=cache,target=$UV_CACHE_DIR uv sync --frozen\n",
    },
    {
      name: "npm cache mount, npm install of a package is not a dependency install",
      code: "FROM node:22-slim\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN npm install -g pnpm@9\n",
    },
  ],
  invalid: [
    {
      code: "FROM python:3.13-slim\nRUN «uv» sync --frozen --no-dev\n",
      errors: [{ messageId: "noCache" }],
      output: "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n",
    },
    {
      name: "pip without a cache or --no-cache-dir, next to another mount",
      code: "FROM python:3.13-slim\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n",
      errors: [{ messageId: "noCache", line: 2 }],
      output:
        "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n",
    },
    {
      name: "poetry and npm",
      code: "FROM python:3.13-slim\nRUN poetry install --only main\nFROM node:22-slim\nRUN npm ci --omit=dev\n",
      errors: [
        { messageId: "noCache", line: 2 },
        { messageId: "noCache", line: 4 },
      ],
      output:
        "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --only main\nFROM node:22-slim\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n",
    },
    {
      name: "a non-root user: its own cache folder, and uid= so it can write to the root-owned mount",
      code: "FROM python:3.13-slim\nRUN useradd -r -u 1001 -m appuser\nUSER appuser\nRUN «uv» sync --frozen\n",
      errors: [{ messageId: "noCache", line: 4 }],
      output:
        "FROM python:3.13-slim\nRUN useradd -r -u 1001 -m appuser\nUSER appuser\nRUN --mount=type=cache,target=/home/appuser/.cache/uv,uid=1001 uv sync --frozen\n",
    },
    {
      name: "a numeric USER",
      code: "FROM python:3.13-slim\nUSER 1234\nRUN «uv» sync --frozen\n",
      errors: [{ messageId: "noCache", line: 3 }],
      output: "FROM python:3.13-slim\nUSER 1234\nRUN --mount=type=cache,target=/home/1234/.cache/uv,uid=1234 uv sync --frozen\n",
    },
    {
      name: "node's own user",
      code: "FROM node:22-slim\nUSER node\nRUN «npm» ci\n",
      errors: [{ messageId: "noCache", line: 3 }],
      output: "FROM node:22-slim\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n",
    },
    {
      name: "a non-root user whose id is unknown: no fix (a root-owned mount it cannot write would fail the build)",
      code: "FROM python:3.13-slim\nUSER appuser\nRUN «uv» sync --frozen\n",
      errors: [{ messageId: "noCache", line: 3 }],
    },
  ],
});

it("dockerfile/uv-cache-mount offers no mount for a non-root user whose id it does not know (it could not write to it)", () => {
  const text = "FROM python:3.13-slim\nUSER appuser\nRUN uv sync --frozen\n";
  const findings = lint({ path: "/w/Dockerfile", text }).findings.filter((f) => f.ruleId === "dockerfile/uv-cache-mount");
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]?.fixes, []);
});

it("dockerfile/uv-cache-mount: a uid taken from a base image's known user is a suggestion, not a safe fix", () => {
  const text = "FROM node:22-slim\nUSER node\nRUN npm ci\n";
  const findings = lint({ path: "/w/Dockerfile", text }).findings.filter((f) => f.ruleId === "dockerfile/uv-cache-mount");
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.fixes?.[0]?.safe, false);
  assert.match(findings[0]?.fixes?.[0]?.edits[0]?.newText ?? "", /,uid=1000 $/);
});

it("dockerfile/uv-cache-mount: a user the Dockerfile creates without -u has an id the system picks, so no fix", () => {
  const text = "FROM python:3.13-slim\nRUN useradd -m node\nUSER node\nRUN uv sync --frozen\n";
  const findings = lint({ path: "/w/Dockerfile", text }).findings.filter((f) => f.ruleId === "dockerfile/uv-cache-mount");
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]?.fixes, []);
});

it("dockerfile/uv-cache-mount: an id given to useradd makes the fix safe", () => {
  const text = "FROM python:3.13-slim\nRUN useradd -r -u 1001 -m appuser\nUSER appuser\nRUN uv sync --frozen\n";
  const findings = lint({ path: "/w/Dockerfile", text }).findings.filter((f) => f.ruleId === "dockerfile/uv-cache-mount");
  assert.equal(findings[0]?.fixes?.[0]?.safe, true);
});
