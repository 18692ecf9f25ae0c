import { rule } from "../../../../server/src/engine/rules/dockerfile/healthcheck-missing";
import { testRule } from "../../helpers/ruleTester";

const PY_PROBE = (port: number, path: string) =>
  `HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:${port}${path}', timeout=5); sys.exit(0 if r.status < 400 else 1)"]`;

testRule(
  rule,
  {
    valid: [
      { name: "no port, no server: a batch job", code: 'FROM python:3.13-slim\nCMD ["python", "job.py"]\n' },
      {
        name: "has a HEALTHCHECK",
        code: 'FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["uvicorn", "app:app"]\n',
      },
      { name: "HEALTHCHECK NONE is a decision", code: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE\n" },
      { name: "inherited from a parent stage", code: 'FROM python:3.13-slim AS base\nHEALTHCHECK CMD ["true"]\nFROM base\nEXPOSE 8000\n' },
      {
        name: "a server in a builder stage only",
        code: 'FROM python:3.13 AS test\nCMD ["uvicorn", "app:app"]\nFROM python:3.13-slim AS build\nEXPOSE 8000\nFROM scratch\nCOPY --from=build /x /x\n',
      },
      { name: "a dev Dockerfile", fileName: "Dockerfile.dev", code: 'FROM python:3.13-slim\nCMD ["uvicorn", "app:app", "--reload"]\n' },
    ],
    invalid: [
      {
        name: "CKV_DOCKER_2: FastAPI on slim: python urllib probe (no curl there)",
        code: 'FROM python:3.13-slim\nEXPOSE 8000\n«CMD» ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
        errors: [{ messageId: "missing" }],
        output: `FROM python:3.13-slim\nEXPOSE 8000\n${PY_PROBE(8000, "/health")}\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n`,
      },
      {
        name: "Streamlit with curl installed: curl --fail on /_stcore/health",
        code: "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD streamlit run app.py --server.port 8501\n",
        errors: [{ messageId: "missing", line: 3 }],
        output:
          'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK --interval=30s --timeout=5s --start-period=45s --retries=3 CMD ["curl", "--fail", "--silent", "--show-error", "--max-time", "5", "http://127.0.0.1:8501/_stcore/health"]\nCMD streamlit run app.py --server.port 8501\n',
      },
      {
        name: "Dagster code server on a hardened image: grpc-health-check",
        code: 'FROM dhi.io/python:3.13-debian13\nENTRYPOINT ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "defs"]\n',
        errors: [{ messageId: "missing", line: 2 }],
        output:
          'FROM dhi.io/python:3.13-debian13\nHEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dagster", "api", "grpc-health-check", "-p", "4000"]\nENTRYPOINT ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "defs"]\n',
      },
      {
        name: "uv run + port from EXPOSE when the command gives none",
        code: 'FROM python:3.13-slim AS builder\nFROM python:3.13-slim\nEXPOSE 9000\nCMD ["uv", "run", "gunicorn", "-k", "uvicorn.workers.UvicornWorker", "app:app"]\n',
        errors: [{ messageId: "missing", line: 4 }],
        output: `FROM python:3.13-slim AS builder\nFROM python:3.13-slim\nEXPOSE 9000\n${PY_PROBE(9000, "/health")}\nCMD ["uv", "run", "gunicorn", "-k", "uvicorn.workers.UvicornWorker", "app:app"]\n`,
      },
      {
        name: "only a port: reported, no fix (the framework is unknown)",
        code: "«FROM» nginx:1.27\nEXPOSE 80\n",
        errors: [{ messageId: "missing" }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
