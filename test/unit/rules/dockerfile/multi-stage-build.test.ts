import { rule } from "../../../../server/src/engine/rules/dockerfile/multi-stage-build";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "the development variant: a prod.Dockerfile beside it is what ships",
        code: 'FROM python:3.11-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends g++ libgdal-dev && rm -rf /var/lib/apt/lists/*\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
        files: { "prod.Dockerfile": 'FROM python:3.11-slim-bookworm\nCOPY . /app\nCMD ["python", "/app/main.py"]\n' },
      },
      {
        name: "build packages installed in a case branch, marked auto through xargs and purged later in the same RUN",
        code: 'FROM debian:bookworm-slim\nRUN set -eux; \\\n\tcase "$(dpkg --print-architecture)" in \\\n\t\tamd64) apt-get update; apt-get install -y --no-install-recommends pgsql-server ;; \\\n\t\t*) savedAptMark="$(apt-mark showmanual)"; \\\n\t\t\tapt-get update; apt-get install -y --no-install-recommends dpkg-dev gcc; \\\n\t\t\tmake -C /usr/src/pgsql install; \\\n\t\t\tapt-mark showmanual | xargs apt-mark auto > /dev/null; \\\n\t\t\tapt-mark manual $savedAptMark ;; \\\n\tesac; \\\n\tif [ -d /usr/src/pgsql ]; then apt-get purge -y --auto-remove; fi; \\\n\trm -rf /var/lib/apt/lists/*\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
      },
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
        name: "a plain Dockerfile with no production variant beside it",
        code: '«FROM python:3.11-bookworm»\nRUN apt-get update && apt-get install -y --no-install-recommends g++ libgdal-dev && rm -rf /var/lib/apt/lists/*\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
        files: { "other/prod.Dockerfile": 'FROM python:3.11-slim-bookworm\nCMD ["python"]\n' },
        errors: [{ messageId: "singleStage" }],
      },
      {
        name: "marked auto through xargs, but never purged",
        code: '«FROM debian:bookworm-slim»\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; make -C /src install; apt-mark showmanual | xargs apt-mark auto > /dev/null\nCOPY app /app\nCMD ["/app"]\n',
        errors: [{ messageId: "singleStage" }],
      },
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
