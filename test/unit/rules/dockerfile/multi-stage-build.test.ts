import { rule } from "../../../../server/src/engine/rules/dockerfile/multi-stage-build";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "build tools installed and purged by name in one RUN",
        code: "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && pip install --no-cache-dir psycopg==3.2.3 && apt-get purge -y --auto-remove gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        name: "apt-mark auto + purge --auto-remove (the official images' pattern)",
        code: "FROM debian:bookworm-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc make libc6-dev; make -C /src install; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*\n",
      },
      {
        name: "apk virtual package deleted in the same RUN",
        code: "FROM python:3.13-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir cffi==1.17.1 && apk del .build-deps\n",
      },
      {
        name: "uv installed and uninstalled in one RUN",
        code: "FROM python:3.13-slim\nRUN pip install uv==0.8.0 && uv pip install --system -r requirements.txt && pip uninstall -y uv\n",
      },
      "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n",
      { name: "already multi-stage", code: "FROM python:3.13-slim AS builder\nRUN apt-get install -y gcc\nFROM python:3.13-slim\n" },
      {
        name: "dev Dockerfile (practice 000 dagster.dev.Dockerfile)",
        fileName: "dagster.dev.Dockerfile",
        code: "FROM python:3.13-slim\nRUN pip install uv\n",
      },
      {
        name: "apk virtual build deps removed in the same RUN",
        code: "FROM python:3.13-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psycopg && apk del .build-deps\n",
      },
      {
        name: "a toolchain image built for others: the interpreter's full variant keeps its headers on purpose",
        code: 'FROM buildpack-deps:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends libbluetooth-dev tk-dev uuid-dev && rm -rf /var/lib/apt/lists/*\nRUN echo build python\nCMD ["python3"]\n',
      },
    ],
    invalid: [
      {
        name: "purged in a later RUN does not shrink the image",
        code: '«FROM python:3.13-slim»\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nRUN apt-get purge -y --auto-remove gcc\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
        errors: [{ messageId: "singleStage" }],
      },
      {
        name: "build-essential and headers",
        code: '«FROM python:3.13-slim»\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nCMD ["python", "-m", "app"]\n',
        errors: [{ messageId: "singleStage" }],
      },
      {
        name: "uv copied into a single-stage image",
        code: "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n",
        errors: [{ messageId: "singleStage", line: 1 }],
      },
      {
        name: "Poetry installed with pip",
        code: 'FROM python:3.11-slim\nRUN pip install poetry==1.7.1\nCMD ["poetry", "run", "app"]\n',
        errors: [{ messageId: "singleStage", line: 1 }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
