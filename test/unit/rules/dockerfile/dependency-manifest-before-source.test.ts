import { rule } from "../../../../server/src/engine/rules/dockerfile/dependency-manifest-before-source";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
      {
        name: "practice 000: dependencies first, project after the source",
        code: "FROM dhi.io/python:3.13-debian13-dev AS builder\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev --no-install-project\nCOPY src/ src/\nRUN uv sync --frozen --no-dev\n",
      },
      { name: "no install after the copy", code: "FROM python:3.13-slim\nCOPY --from=builder /app/.venv /app/.venv\nCOPY . .\n" },
      { name: "pip install . builds the project itself", code: "FROM python:3.13-slim\nCOPY . .\nRUN pip install .\n" },
      { name: "the copy is in another stage", code: "FROM node:22 AS a\nCOPY . .\nFROM node:22\nCOPY package*.json ./\nRUN npm ci\n" },
    ],
    invalid: [
      {
        name: "pip: the RUN moves up behind a manifest COPY",
        code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN «pip install --no-cache-dir -r requirements.txt»\nEXPOSE 8000\n",
        errors: [{ messageId: "sourceFirst" }],
        output:
          "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nEXPOSE 8000\n",
      },
      {
        name: "uv: dependencies installed first with --no-install-project",
        code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n",
        errors: [{ messageId: "sourceFirst", line: 4, column: 47 }],
        output:
          "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev --no-install-project\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n",
      },
      {
        name: "poetry after COPY src",
        code: "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY src ./src\nRUN poetry install --only main\n",
        errors: [{ messageId: "sourceFirst", line: 4 }],
        output:
          "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY pyproject.toml poetry.lock* ./\nRUN poetry install --only main --no-root\nCOPY src ./src\nRUN poetry install --only main\n",
      },
      {
        name: "poetry with a known build context that has the lockfile",
        code: "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY src ./src\nRUN poetry install --only main\n",
        files: { "pyproject.toml": "", "poetry.lock": "", "src/main.py": "" },
        errors: [{ messageId: "sourceFirst", line: 4 }],
        output:
          "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\nCOPY src ./src\nRUN poetry install --only main\n",
      },
      {
        name: "poetry with a known build context without a lockfile: only the manifest is copied",
        code: "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY src ./src\nRUN poetry install --only main\n",
        files: { "pyproject.toml": "", "src/main.py": "" },
        errors: [{ messageId: "sourceFirst", line: 4 }],
        output:
          "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY pyproject.toml ./\nRUN poetry install --only main --no-root\nCOPY src ./src\nRUN poetry install --only main\n",
      },
      {
        name: "a lockfile .dockerignore excludes is not copied",
        code: "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY src ./src\nRUN poetry install --only main\n",
        files: { "pyproject.toml": "", "poetry.lock": "", "src/main.py": "", ".dockerignore": "*.lock\n" },
        errors: [{ messageId: "sourceFirst", line: 4 }],
        output:
          "FROM python:3.13-slim\nCOPY pyproject.toml ./\nCOPY pyproject.toml ./\nRUN poetry install --only main --no-root\nCOPY src ./src\nRUN poetry install --only main\n",
      },
      {
        name: "pip with a known build context whose requirements file is elsewhere: reported, no copy suggested",
        code: "FROM python:3.13-slim\nWORKDIR /app\nCOPY app.py ./\nCOPY src ./src\nRUN «pip install -r requirements/prod.txt»\n",
        files: { "app.py": "", "src/main.py": "" },
        errors: [{ messageId: "sourceFirst" }],
      },
      {
        name: "npm ci in a builder stage",
        code: "FROM node:22 AS build\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\n",
        errors: [{ messageId: "sourceFirst", line: 3, column: 5 }],
      },
    ],
  },
  { onbuild: { skip: "the COPY order it checks is this build’s; an ONBUILD RUN install runs in a later build" } },
);
