import { rule } from "../../../../server/src/engine/rules/dockerfile/dev-server-in-production";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
    {
      name: "practice 001: --reload only in the development stage",
      code: 'FROM python:3.13-slim AS base\nFROM base AS development\nCMD ["sh", "-c", "uv run uvicorn src.main:app --reload"]\nFROM python:3.13-slim AS production\nCMD ["sh", "-c", "alembic upgrade head && uvicorn src.main:app --host 0.0.0.0 --port 8000"]\n',
    },
    {
      name: "practice 000: dagster dev in a dev Dockerfile",
      fileName: "dagster.dev.Dockerfile",
      code: 'FROM dhi.io/python:3.13-debian13-dev\nCMD dagster dev -h 0.0.0.0 -p 3000 -m "$DAGSTER_MODULE"\n',
    },
    {
      name: "practice 002: Dockerfile.dev with --reload",
      fileName: "Dockerfile.dev",
      code: 'FROM python:3.11-slim\nCMD ["uvicorn", "src.main:app", "--reload"]\n',
    },
    {
      name: "the image a compose file builds for develop.watch is a development image",
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["uv", "run", "fastapi", "dev", "--host", "0.0.0.0", "src/app"]\n',
      files: {
        "compose.yml":
          "services:\n  web:\n    build: .\n    develop:\n      watch:\n        - action: sync\n          path: .\n          target: /app\n",
      },
    },
    {
      name: "the same from a compose file one folder up (build.context and build.dockerfile)",
      fileName: "backend/app.Dockerfile",
      code: 'FROM python:3.12-slim\nCMD ["flask", "run", "--debug"]\n',
      files: {
        "../compose.yaml":
          "services:\n  api:\n    build:\n      context: ./backend\n      dockerfile: app.Dockerfile\n    develop:\n      watch:\n        - action: rebuild\n          path: ./backend\n",
      },
    },
    { name: "gunicorn is a production server", code: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
  ],
  invalid: [
    {
      name: "a compose file builds it without develop.watch: still the production image",
      code: 'FROM python:3.12-slim\n«CMD ["uv", "run", "fastapi", "dev", "--host", "0.0.0.0", "src/app"]»\n',
      files: {
        "compose.yml":
          "services:\n  web:\n    build: .\n  other:\n    build: ./other\n    develop:\n      watch:\n        - action: sync\n          path: ./other\n          target: /app\n",
      },
      errors: [{ messageId: "devServer" }],
    },
    {
      code: 'FROM python:3.13-slim\n«CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--reload"]»\n',
      errors: [{ messageId: "devServer" }],
      output: 'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
    },
    {
      name: "dagster dev in the production Dockerfile (no fix)",
      code: "FROM python:3.13-slim\nCMD dagster dev -h 0.0.0.0 -p 3000\n",
      errors: [{ messageId: "devServer", line: 2 }],
    },
    {
      name: "inside sh -c, shell form",
      code: "FROM python:3.13-slim AS runtime\nCMD uv run uvicorn app:app --reload --port 8000\n",
      errors: [{ messageId: "devServer", line: 2 }],
      output: "FROM python:3.13-slim AS runtime\nCMD uv run uvicorn app:app --port 8000\n",
    },
    {
      name: "fastapi dev becomes fastapi run",
      code: 'FROM python:3.13-slim\nCMD ["fastapi", "dev", "app/main.py"]\n',
      errors: [{ messageId: "devServer" }],
      output: 'FROM python:3.13-slim\nCMD ["fastapi", "run", "app/main.py"]\n',
    },
    {
      name: "flask run and FLASK_DEBUG",
      code: 'FROM python:3.13-slim\nENV FLASK_DEBUG=1\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
      errors: [
        { messageId: "debugEnv", line: 2 },
        { messageId: "devServer", line: 3 },
      ],
    },
    {
      name: "manage.py runserver",
      code: 'FROM python:3.13-slim\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      errors: [{ messageId: "devServer" }],
    },
  ],
});
