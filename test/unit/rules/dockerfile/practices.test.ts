/**
 * The Dockerfiles shown in the shared practices: each problem they show is caught by the rule that traces to it,
 * and the pattern they recommend (practice 000's hardened multi-stage uv build) passes every practice rule.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../../../server/src/engine/linter";
import type { AnyRule } from "../../../../server/src/engine/rule";
import { dockerfileRules } from "../../../../server/src/engine/rules/dockerfile";
import { memoryFs } from "../../../../server/src/engine/workspace";

const PRACTICE_RULES = new Set(
  [
    "multi-stage-build",
    "build-tools-in-runtime-stage",
    "dependency-manifest-before-source",
    "uv-frozen-lockfile",
    "uv-cache-mount",
    "no-dev-dependencies-in-runtime",
    "pin-base-image",
    "prefer-slim-base",
    "hardened-base-image",
    "non-root-user",
    "chown-in-separate-layer",
    "exec-form-cmd",
    "healthcheck-missing",
    "healthcheck-tool-available",
    "healthcheck-status-ignored",
    "secrets-in-build-args",
    "pipe-to-shell",
    "shell-removed-before-run",
    "dev-server-in-production",
    "python-runtime-env",
    "dockerignore-present",
    "entrypoint-execs-command",
  ].map((n) => `dockerfile/${n}`),
);
const rules: AnyRule[] = dockerfileRules.filter((r) => PRACTICE_RULES.has(r.meta.id));

function findings(text: string, fileName = "Dockerfile", files: Record<string, string> = {}) {
  const path = `/ws/${fileName}`;
  return lint({ path, text, kind: "dockerfile", rules, fs: memoryFs({ [path]: text, ...files }), throwOnRuleError: true }).findings;
}

// practice 000: the builder and runtime stages, as one file
const HARDENED_UV = `FROM dhi.io/python:3.13-debian13-dev AS builder

COPY --from=dhi.io/uv:0-debian13-dev /usr/local/bin/uv /usr/local/bin/uvx /usr/local/bin/

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY src/ src/
RUN uv sync --frozen --no-dev

FROM dhi.io/python:3.13-debian13

WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/src /app/src

ENV PATH="/app/.venv/bin:$PATH"
`;

// practice 002: the production Dockerfile (Poetry builder, slim runtime)
const POETRY_PRODUCTION = `FROM python:3.11-slim as builder
ENV POETRY_HOME="/opt/poetry" POETRY_VIRTUALENVS_CREATE=false
RUN apt-get update && apt-get install -y --no-install-recommends \\
    build-essential \\
    curl \\
    && rm -rf /var/lib/apt/lists/*
RUN curl -sSL https://install.python-poetry.org | python3 -
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-interaction --no-ansi --no-root --only main
COPY src ./src
RUN poetry build

FROM python:3.11-slim as runtime
RUN groupadd -r appuser && useradd -r -g appuser appuser
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY --from=builder /app/src ./src
COPY docker/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
RUN chown -R appuser:appuser /app
USER appuser
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\
    CMD python -c "import requests; requests.get('http://localhost:8000/health')"
ENTRYPOINT ["/entrypoint.sh"]
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]
`;

// practice 002: "security hardening" that removes the shell and then needs it
const SHELL_REMOVED = `FROM python:3.11-slim as runtime
RUN rm /bin/sh && ln -s /bin/false /bin/sh
RUN chmod -R 755 /app \\
    && find /app -type f -exec chmod 644 {} \\;
`;

// practice 003: the uv pattern with the uv binary from a floating tag
const UV_LATEST = `FROM python:3.12-slim AS base
WORKDIR /app
RUN adduser --disabled-password --gecos "" appuser

FROM base AS deps
COPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev

FROM deps AS runtime
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
CMD ["uv", "run", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]
`;

const ids = (fs: { ruleId: string }[]) => new Set(fs.map((f) => f.ruleId));

describe("practice documents", () => {
  it("000: the hardened multi-stage uv build is not flagged (info and above)", () => {
    const found = findings(HARDENED_UV).filter((f) => f.severity !== "hint");
    assert.deepEqual(
      found.map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
      [],
    );
  });

  it("000: the dev Dockerfile with `dagster dev` is judged as a dev image", () => {
    const text = 'FROM dhi.io/python:3.13-debian13-dev\nCMD dagster dev -h 0.0.0.0 -p 3000 -m "$DAGSTER_MODULE"\n';
    const found = ids(findings(text, "deploy/docker/dagster.dev.Dockerfile"));
    assert.ok(!found.has("dockerfile/dev-server-in-production"));
    assert.ok(!found.has("dockerfile/non-root-user"));
    assert.ok(findings(text, "Dockerfile").some((f) => f.ruleId === "dockerfile/dev-server-in-production"));
  });

  it("002: Poetry via curl | python3 -, RUN chown -R, requests.get probe are caught", () => {
    const found = findings(POETRY_PRODUCTION, "Dockerfile", {
      "/ws/docker/entrypoint.sh": '#!/bin/sh\nalembic upgrade head\nexec "$@"\n',
    });
    const got = ids(found);
    for (const id of ["dockerfile/pipe-to-shell", "dockerfile/chown-in-separate-layer", "dockerfile/healthcheck-status-ignored"]) {
      assert.ok(got.has(id), `${id} should fire; got ${[...got].join(", ")}`);
    }
    // what the file does right: non-root user, --only main, an entrypoint that execs "$@", exec-form CMD
    for (const id of [
      "dockerfile/non-root-user",
      "dockerfile/no-dev-dependencies-in-runtime",
      "dockerfile/entrypoint-execs-command",
      "dockerfile/exec-form-cmd",
    ]) {
      assert.ok(!got.has(id), `${id} should not fire`);
    }
  });

  it("002: removing /bin/sh and then needing it is an error", () => {
    const found = findings(SHELL_REMOVED).filter((f) => f.ruleId === "dockerfile/shell-removed-before-run");
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, "error");
    assert.equal(found[0]?.range.start.line, 2);
  });

  it("003: ghcr.io/astral-sh/uv:latest is caught, the rest of the pattern passes the uv rules", () => {
    const found = findings(UV_LATEST);
    const pin = found.filter((f) => f.ruleId === "dockerfile/pin-base-image");
    assert.equal(pin.length, 1);
    assert.equal(pin[0]?.range.start.line, 5);
    const got = ids(found);
    for (const id of [
      "dockerfile/uv-frozen-lockfile",
      "dockerfile/uv-cache-mount",
      "dockerfile/no-dev-dependencies-in-runtime",
      "dockerfile/non-root-user",
    ]) {
      assert.ok(!got.has(id), `${id} should not fire`);
    }
  });

  it("uv sync without --frozen and COPY . . before the install are caught", () => {
    const got = ids(
      findings("FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --no-dev\n", "Dockerfile", {
        "/ws/.dockerignore": ".git\n",
        "/ws/pyproject.toml": "",
        "/ws/uv.lock": "",
      }),
    );
    assert.ok(got.has("dockerfile/uv-frozen-lockfile"));
    assert.ok(got.has("dockerfile/dependency-manifest-before-source"));
    // a project without a lockfile: `--frozen` would fail its build
    const noLock = ids(
      findings("FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --no-dev\n", "Dockerfile", {
        "/ws/.dockerignore": ".git\n",
        "/ws/pyproject.toml": "",
      }),
    );
    assert.ok(!noLock.has("dockerfile/uv-frozen-lockfile"));
  });
});
