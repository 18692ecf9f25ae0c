import { rule } from "../../../../server/src/engine/rules/dockerfile/uv-frozen-lockfile";
import { testRule } from "../../helpers/ruleTester";

/** A project folder: the build context of a Dockerfile beside it. */
const project = { "pyproject.toml": '[project]\nname = "app"\n', "uv.lock": "version = 1\n", "src/app/__init__.py": "" };
const noLock = { "pyproject.toml": '[project]\nname = "app"\n', "src/app/__init__.py": "" };

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nCOPY uv.lock ./\nRUN uv sync --frozen --no-dev\n",
    "FROM python:3.13-slim\nCOPY uv.lock ./\nRUN uv sync --locked\n",
    { name: "UV_FROZEN in ENV", code: "FROM python:3.13-slim\nCOPY uv.lock ./\nENV UV_FROZEN=1\nRUN uv sync --no-dev\n" },
    { name: "UV_LOCKED inline", code: "FROM python:3.13-slim\nCOPY uv.lock ./\nRUN UV_LOCKED=1 uv sync\n" },
    { name: "uv pip install is not a sync", code: "FROM python:3.13-slim\nRUN uv pip install --system requests\n" },
    {
      name: "no uv.lock in the image: --frozen would fail the build",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN uv sync --no-dev\n",
      files: noLock,
    },
    {
      name: "COPY . . of a build context without uv.lock",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nCOPY . .\nRUN uv sync --no-dev\n",
      files: noLock,
    },
    {
      name: "COPY . . of a context whose .dockerignore excludes uv.lock",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nCOPY . .\nRUN uv sync --no-dev\n",
      files: { ...project, ".dockerignore": "uv.lock\n.git\n" },
    },
    {
      name: "a Dockerfile-specific ignore file wins over .dockerignore",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nCOPY . .\nRUN uv sync --no-dev\n",
      files: { ...project, ".dockerignore": ".git\n", "Dockerfile.dockerignore": "*.lock\n" },
    },
    {
      name: "an optional lockfile (uv.lock*) the context does not have",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock* ./\nRUN uv sync\n",
      files: noLock,
    },
    {
      name: "unknown build context (no workspace files): COPY . . may or may not bring uv.lock",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync\n",
    },
    {
      name: "the sources are not beside the Dockerfile (built with another context): unknown",
      fileName: "deploy/docker/Dockerfile",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nCOPY . .\nRUN uv sync\n",
      files: { "../../pyproject.toml": "", "../../uv.lock": "" },
    },
    {
      name: "the lockfile is copied to another folder than the one uv syncs",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY uv.lock /tmp/\nRUN uv sync\n",
    },
    {
      name: "ONBUILD RUN without an ONBUILD COPY of the lockfile: the child's context is unknown",
      code: "FROM python:3.13-slim\nONBUILD COPY . /app\nONBUILD RUN uv sync\n",
    },
  ],
  invalid: [
    {
      code: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN «uv sync» --no-dev\n",
      errors: [{ messageId: "notFrozen" }],
      output: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
    },
    {
      name: "dev stage too (reproducible dev builds), after a cache mount, in the folder it cds into",
      code: "FROM python:3.13-slim AS dev\nCOPY uv.lock /app/\nRUN --mount=type=cache,target=/root/.cache/uv cd /app && uv sync\n",
      errors: [{ messageId: "notFrozen", line: 3, column: 58 }],
      output:
        "FROM python:3.13-slim AS dev\nCOPY uv.lock /app/\nRUN --mount=type=cache,target=/root/.cache/uv cd /app && uv sync --frozen\n",
    },
    {
      name: "exec form",
      code: 'FROM python:3.13-slim\nCOPY uv.lock .\nRUN ["uv", "sync"]\n',
      errors: [{ messageId: "notFrozen", line: 3 }],
      output: 'FROM python:3.13-slim\nCOPY uv.lock .\nRUN ["uv", "sync", "--frozen"]\n',
    },
    {
      name: "the lockfile bind-mounted by the RUN (uv's documented pattern)",
      code: "FROM python:3.13-slim\nWORKDIR /app\nRUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml «uv sync» --no-install-project\n",
      errors: [{ messageId: "notFrozen" }],
    },
    {
      name: "COPY . . of a build context that has uv.lock",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nCOPY . .\nRUN «uv sync» --no-dev\n",
      files: { ...project, ".dockerignore": ".git\n.venv\n" },
      errors: [{ messageId: "notFrozen" }],
    },
    {
      name: "a folder of the context copied into the project folder",
      code: "FROM python:3.13-slim\nCOPY backend/ /app/\nWORKDIR /app\nRUN «uv sync»\n",
      files: { "backend/pyproject.toml": "", "backend/uv.lock": "" },
      errors: [{ messageId: "notFrozen" }],
    },
    {
      name: "an optional lockfile (uv.lock*) the context has",
      code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock* ./\nRUN «uv sync»\n",
      files: project,
      errors: [{ messageId: "notFrozen" }],
    },
    {
      name: "--project names the folder with the lockfile",
      code: "FROM python:3.13-slim\nCOPY uv.lock /srv/app/\nRUN «uv sync» --project /srv/app\n",
      errors: [{ messageId: "notFrozen" }],
    },
    {
      name: "ONBUILD RUN after an ONBUILD COPY of the lockfile",
      code: "FROM python:3.13-slim\nONBUILD COPY pyproject.toml uv.lock ./\nONBUILD RUN «uv sync»\n",
      errors: [{ messageId: "notFrozen" }],
      output: "FROM python:3.13-slim\nONBUILD COPY pyproject.toml uv.lock ./\nONBUILD RUN uv sync --frozen\n",
    },
  ],
});
