/** The static "does it start" check: cases that must fail, cases that must pass, and cases it must leave unknown. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkComposeServices, checkStart, type CheckId, type StartFinding } from "../../../server/src/engine/startCheck";
import { memoryFs } from "../../../server/src/engine/workspace";

const ROOT = "/p";

/** A small uv project in a src layout: src/shop/main.py with `app = FastAPI()`. */
const UV_SRC: Record<string, string> = {
  "pyproject.toml":
    '[project]\nname = "shop"\nversion = "1.0"\nreadme = "README.md"\ndependencies = ["fastapi", "uvicorn"]\n\n[dependency-groups]\ndev = ["pytest"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
  "uv.lock":
    '[[package]]\nname = "fastapi"\nversion = "1"\n\n[[package]]\nname = "uvicorn"\nversion = "1"\n\n[[package]]\nname = "pytest"\nversion = "8"\n',
  "README.md": "# shop\n",
  "src/shop/__init__.py": "",
  "src/shop/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
};

function run(dockerfile: string, project: Record<string, string> = UV_SRC, extra: Record<string, string> = {}, target?: string) {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...project, ...extra, Dockerfile: dockerfile })) files[`${ROOT}/${k}`] = v;
  return checkStart({ dockerfilePath: `${ROOT}/Dockerfile`, text: dockerfile, fs: memoryFs(files), target });
}

function statusOf(findings: StartFinding[], check: CheckId): string[] {
  return findings.filter((f) => f.check === check).map((f) => `${f.status}: ${f.message}`);
}

function assertFails(findings: StartFinding[], check: CheckId, re: RegExp): void {
  const hit = findings.find((f) => f.check === check && f.status === "fail" && re.test(f.message));
  assert.ok(
    hit,
    `expected a ${check} failure matching ${re}; got:\n${findings.map((f) => `${f.status} ${f.check}: ${f.message}`).join("\n")}`,
  );
}

function assertNoFailures(findings: StartFinding[]): void {
  const fails = findings.filter((f) => f.status === "fail");
  assert.deepEqual(
    fails.map((f) => `${f.check}: ${f.message}`),
    [],
  );
}

const UV_BUILDER = `FROM python:3.13-slim AS builder
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY src/ src/
COPY README.md ./
RUN uv sync --frozen --no-dev
`;

const RUNTIME = (cmd: string, extra = "") => `${UV_BUILDER}
FROM python:3.13-slim
WORKDIR /app
RUN useradd --system app
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/src /app/src
ENV PATH="/app/.venv/bin:$PATH"
USER app
${extra}EXPOSE 8000
CMD ${cmd}
`;

describe("start check: Python modules", () => {
  it("passes an installed src-layout package named as it is imported", () => {
    const r = run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "8000"]'));
    assertNoFailures(r.findings);
    assert.match(statusOf(r.findings, "module").join("\n"), /^pass: shop\.main:app is found at \/app\/src\/shop\/main\.py/);
  });

  it("fails `main:app` when main.py lives in src/shop/ (the module path is not the file's folder)", () => {
    assertFails(run(RUNTIME('["uvicorn", "main:app", "--host", "0.0.0.0"]')).findings, "module", /main cannot be imported/);
  });

  it("fails `src.shop.main:app` with no src/__init__.py only when nothing puts /app on sys.path … and passes it as a namespace package from /app", () => {
    // uvicorn puts its working folder (/app) first on sys.path: src/ is a namespace package there
    assertNoFailures(run(RUNTIME('["uvicorn", "src.shop.main:app", "--host", "0.0.0.0"]')).findings);
    // from another working folder it is not found
    assertFails(
      run(RUNTIME('["uvicorn", "src.shop.main:app", "--host", "0.0.0.0", "--app-dir", "/app/other"]')).findings,
      "module",
      /cannot be imported/,
    );
  });

  it("fails an attribute the module does not bind", () => {
    assertFails(run(RUNTIME('["uvicorn", "shop.main:application", "--host", "0.0.0.0"]')).findings, "module", /defines no application/);
  });

  it("without the project installed, PYTHONPATH decides", () => {
    const base = UV_BUILDER.replace("RUN uv sync --frozen --no-dev\n", "");
    const df = (env: string) =>
      `${base}\nFROM python:3.13-slim\nWORKDIR /app\nCOPY --from=builder /app/.venv /app/.venv\nCOPY src/ src/\nENV PATH="/app/.venv/bin:$PATH"${env}\nEXPOSE 8000\nCMD ["uvicorn", "shop.main:app", "--host", "0.0.0.0"]\n`;
    assertFails(run(df("")).findings, "module", /shop\.main cannot be imported/);
    assertNoFailures(run(df(" PYTHONPATH=/app/src")).findings);
  });

  it("checks `dagster api grpc -m`, `python -m` and script paths", () => {
    assertFails(
      run(RUNTIME('["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "8000", "-m", "shop.defs"]')).findings,
      "command",
      /dagster is not in the image/,
    );
    assertFails(run(RUNTIME('["python", "-m", "shop.cli"]')).findings, "module", /shop\.cli cannot be imported/);
    assertNoFailures(run(RUNTIME('["python", "-m", "shop.main"]')).findings);
    assertFails(run(RUNTIME('["python", "/app/run.py"]')).findings, "module", /\/app\/run\.py is not in the image/);
  });
});

describe("start check: build steps", () => {
  it("fails a COPY --from of a path the stage never creates", () => {
    const df = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', "COPY --from=builder /app/dist /app/dist\n");
    assertFails(run(df).findings, "build", /never creates \/app\/dist/);
  });

  it("fails a COPY of a file .dockerignore excludes, and passes it once re-included", () => {
    const df = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', "COPY README.md ./\n");
    assertFails(run(df, UV_SRC, { ".dockerignore": "*.md\n" }).findings, "build", /README\.md: not in the build context/);
    assertNoFailures(run(df, UV_SRC, { ".dockerignore": "*.md\n!README.md\n" }).findings);
  });

  it("fails `uv sync --frozen` without uv.lock, and a project install before its source is copied", () => {
    const noLock = { ...UV_SRC };
    delete noLock["uv.lock"];
    const df = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace(
      "COPY pyproject.toml uv.lock ./",
      "COPY pyproject.toml ./",
    );
    assertFails(run(df, noLock).findings, "build", /needs \/app\/uv\.lock/);
    const early = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace("--no-dev --no-install-project", "--no-dev");
    assertFails(run(early).findings, "build", /installs the project shop here, but none of/);
    const noReadme = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace("COPY README.md ./\n", "");
    assertFails(run(noReadme).findings, "build", /names README\.md as readme/);
  });
});

describe("start check: interpreter, programs, user", () => {
  it("fails a virtualenv copied onto another Python version or build", () => {
    const other = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace(
      /FROM python:3\.13-slim\nWORKDIR/,
      "FROM python:3.12-slim\nWORKDIR",
    );
    assertFails(run(other).findings, "interpreter", /made with python-official Python 3\.13.*Python 3\.12/);
    const distroless = RUNTIME('["shop.main:app", "--host", "0.0.0.0"]', 'ENTRYPOINT ["/app/.venv/bin/uvicorn"]\n')
      .replace(/FROM python:3\.13-slim\nWORKDIR/, "FROM gcr.io/distroless/python3-debian13:nonroot\nWORKDIR")
      .replace("RUN useradd --system app\n", "")
      .replace("USER app", "USER nonroot");
    assertFails(run(distroless).findings, "interpreter", /debian Python 3\.13/);
    // distroless runs its CMD with python3: a console script name is taken for a file
    const asScript = RUNTIME('["uvicorn", "shop.main:app"]')
      .replace(/FROM python:3\.13-slim\nWORKDIR/, "FROM gcr.io/distroless/python3-debian13:nonroot\nWORKDIR")
      .replace("RUN useradd --system app\n", "")
      .replace("USER app", "USER nonroot");
    assertFails(run(asScript).findings, "module", /\/app\/uvicorn is not in the image/);
  });

  it("fails a shell-form command on an image without a shell, and a USER nothing creates", () => {
    const shellForm = RUNTIME("uvicorn shop.main:app --host 0.0.0.0")
      .replace(/FROM python:3\.13-slim\nWORKDIR/, "FROM dhi.io/python:3.13-debian13\nWORKDIR")
      .replace("RUN useradd --system app\n", "")
      .replace("USER app", "USER nonroot")
      .replace("FROM python:3.13-slim AS builder", "FROM dhi.io/python:3.13-debian13-dev AS builder");
    assertFails(run(shellForm).findings, "command", /\/bin\/sh, which dhi\.io\/python:3\.13-debian13 does not have/);
    const noUser = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace("RUN useradd --system app\n", "");
    assertFails(run(noUser).findings, "user", /USER app: no such user/);
  });

  it("leaves an unknown base image unknown instead of failing", () => {
    const df = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]').replace(
      /FROM python:3\.13-slim\nWORKDIR/,
      "FROM registry.example.com/base/python:1\nWORKDIR",
    );
    const r = run(df);
    assert.deepEqual(
      r.findings.filter((f) => f.status === "fail" && f.check !== "ports").map((f) => f.message),
      [],
    );
    assert.ok(r.findings.some((f) => f.status === "unknown"));
  });
});

describe("start check: healthcheck and ports", () => {
  it("fails curl on a slim image and passes it where the image has curl", () => {
    const probe = 'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]\n';
    assertFails(
      run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', probe)).findings,
      "healthcheck",
      /runs curl, which is not in the image/,
    );
    const full = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', probe).replace(
      /FROM python:3\.13-slim\nWORKDIR/,
      "FROM python:3.13\nWORKDIR",
    );
    assert.deepEqual(statusOf(run(full).findings, "healthcheck"), ["pass: the HEALTHCHECK's curl is in the image"]);
    const installed = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', probe).replace(
      "RUN useradd --system app\n",
      "RUN useradd --system app\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    assert.deepEqual(statusOf(run(installed).findings, "healthcheck"), ["pass: the HEALTHCHECK's curl is in the image"]);
  });

  it("fails a probe, EXPOSE or host that does not match the server", () => {
    const probe = (url: string) => `HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}')"]\n`;
    assertFails(
      run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "8000"]', probe("http://127.0.0.1:9000/h"))).findings,
      "ports",
      /probes port 9000, and the app listens on 8000/,
    );
    assertFails(
      run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "8000"]', probe("https://127.0.0.1:8000/h"))).findings,
      "ports",
      /https:\/\/, and the server is started without TLS/,
    );
    assertFails(
      run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "3000"]')).findings,
      "ports",
      /EXPOSE 8000, and the app listens on 3000/,
    );
    assertFails(run(RUNTIME('["uvicorn", "shop.main:app"]')).findings, "ports", /listens on 127\.0\.0\.1 only/);
    assertNoFailures(
      run(RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "8000"]', probe("http://127.0.0.1:8000/h"))).findings,
    );
  });

  it("dagster dev on 3000 with EXPOSE 4000 and a gRPC probe on 4000 fails; with the webserver probed on 3000 it passes", () => {
    const base = `FROM python:3.13-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY src/ src/
COPY README.md ./
RUN uv sync --frozen
ENV PATH="/app/.venv/bin:$PATH"
`;
    const project = {
      ...UV_SRC,
      "pyproject.toml": UV_SRC["pyproject.toml"]!.replace('dependencies = ["fastapi", "uvicorn"]', 'dependencies = ["dagster"]').replace(
        'dev = ["pytest"]',
        'dev = ["dagster-webserver"]',
      ),
      "src/shop/defs.py": "import dagster as dg\ndefs = dg.Definitions()\n",
    };
    const bad = `${base}EXPOSE 4000\nHEALTHCHECK CMD ["dagster", "api", "grpc-health-check", "-p", "4000"]\nCMD ["dagster", "dev", "-h", "0.0.0.0", "-p", "3000", "-m", "shop.defs"]\n`;
    const r = run(bad, project);
    assertFails(r.findings, "ports", /probes port 4000, and the app listens on 3000/);
    assertFails(r.findings, "ports", /EXPOSE 4000, and the app listens on 3000/);
    const good = `${base}EXPOSE 3000\nCMD ["dagster", "dev", "-h", "0.0.0.0", "-p", "3000", "-m", "shop.defs"]\n`;
    assertNoFailures(run(good, project).findings);
    // without the dev group there is no dagster-webserver, which `dagster dev` needs
    assertFails(
      run(good.replace("RUN uv sync --frozen", "RUN uv sync --frozen --no-dev"), project).findings,
      "module",
      /dagster_webserver cannot be imported/,
    );
  });
});

describe("start check: compose services", () => {
  const files = (compose: Record<string, string>, dockerfile: string) => {
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...UV_SRC, ...compose, Dockerfile: dockerfile })) all[`${ROOT}/${k}`] = v;
    return memoryFs(all);
  };
  const df = RUNTIME('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--port", "8000"]');

  it("a published port the app does not listen on fails", () => {
    const fs = files({ "compose.yml": 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n' }, df);
    const [r] = checkComposeServices(fs, [`${ROOT}/compose.yml`]);
    assertFails(r!.findings, "ports", /publishes container port 8080, and the app listens on 8000/);
  });

  it("a bind mount over /app hides the image's virtualenv unless an anonymous volume keeps it", () => {
    const over = "services:\n  api:\n    build: .\n    volumes:\n      - ./:/app\n";
    const [hidden] = checkComposeServices(files({ "compose.yml": over }, df), [`${ROOT}/compose.yml`]);
    assertFails(hidden!.findings, "command", /uvicorn is not in the image/);
    const [kept] = checkComposeServices(files({ "compose.yml": `${over}      - /app/.venv\n` }, df), [`${ROOT}/compose.yml`]);
    assertNoFailures(kept!.findings);
  });

  it("the override's command replaces CMD and is checked", () => {
    const fs = files(
      {
        "compose.yml": 'services:\n  api:\n    build: .\n    ports:\n      - "8000:8000"\n',
        "compose.override.yml": 'services:\n  api:\n    command: ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]\n',
      },
      df,
    );
    assertNoFailures(checkComposeServices(fs, [`${ROOT}/compose.yml`])[0]!.findings);
    assertFails(
      checkComposeServices(fs, [`${ROOT}/compose.yml`, `${ROOT}/compose.override.yml`])[0]!.findings,
      "module",
      /main cannot be imported/,
    );
  });
});
