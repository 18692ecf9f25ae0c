/**
 * Refine's larger goal changes: builder/runtime split (smaller image), manifests before source (faster builds),
 * ARG secrets into build-secret mounts (security). Each applied change removes its finding, brings no new finding
 * of the goal and keeps the image starting; what cannot be done safely is advice and leaves the file as it was.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../../server/src/engine/linter";
import { refine } from "../../../server/src/engine/refine";
import { GOAL_CATEGORIES, type RefineGoal } from "../../../server/src/engine/choices";
import { checkStart } from "../../../server/src/engine/startCheck";
import { applyEdits } from "../../../server/src/engine/text";
import { memoryFs } from "../../../server/src/engine/workspace";
import { withCreated } from "../../../server/src/engine/refineGoals";
import { nodeFs } from "../../../server/src/cli/nodeFs";
import type { WorkspaceFs } from "../../../server/src/engine/types";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const PATH = "/ws/Dockerfile";
const PROJECT: Record<string, string> = {
  "/ws/requirements.txt": "flask\npsycopg2\n",
  "/ws/app.py": "print('hi')\n",
  "/ws/main.py": "app = object()\n",
  "/ws/pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = ["fastapi", "uvicorn"]\n',
  "/ws/uv.lock": "version = 1\n",
  "/ws/.dockerignore": ".git\n.env\n.venv\n",
};

function run(text: string, goal: RefineGoal, extra: Record<string, string> = {}) {
  const fs = memoryFs({ ...PROJECT, ...extra, [PATH]: text });
  const result = refine({ path: PATH, text, fs, goal });
  const findings = (t: string) => lint({ path: PATH, text: t, fs }).findings;
  const starts = (t: string) => checkStart({ dockerfilePath: PATH, text: t, fs }).failures.map((f) => f.message);
  return { result, findings, starts, fs };
}

/** The result of a goal change: its rule quiet, nothing new of the goal's categories, the image still starting. */
function assertGoalClean(text: string, goal: RefineGoal, ruleId: string, extra: Record<string, string> = {}) {
  const { result, findings, starts } = run(text, goal, extra);
  assert.ok(
    result.goalChanges.some((c) => c.ruleId === ruleId),
    `a ${ruleId} change is made: ${JSON.stringify(result.advice)}`,
  );
  assert.equal(applyEdits(text, result.edits), result.output, "one edit turns the input into the output");
  const before = findings(text);
  const after = findings(result.output);
  assert.equal(after.filter((f) => f.ruleId === ruleId).length, 0, after.map((f) => f.message).join("\n"));
  const known = new Set(before.map((f) => `${f.ruleId} ${f.message}`));
  const added = after.filter((f) => GOAL_CATEGORIES[goal].includes(f.category) && !known.has(`${f.ruleId} ${f.message}`));
  assert.deepEqual(
    added.map((f) => f.message),
    [],
    "no new finding of the goal",
  );
  assert.deepEqual(starts(result.output), [], "the refined image starts");
  assert.equal(run(result.output, goal, extra).result.changed, false, "refining again changes nothing");
  return result;
}

const PIP_WITH_COMPILER = `FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["python", "app.py"]
`;

const UV_WITH_COMPILER = `FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /usr/local/bin/uv
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
ENV PATH="/app/.venv/bin:$PATH"
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
`;

describe("refine smaller-image: builder/runtime split", () => {
  it("pip into the system site-packages: the runtime copies /usr/local, keeps libpq's library, drops the compilers", () => {
    const r = assertGoalClean(PIP_WITH_COMPILER, "smaller-image", "dockerfile/multi-stage-build");
    const [builder, runtime] = r.output.split(/\n(?=FROM )/);
    assert.match(builder ?? "", /^FROM python:3\.12-slim AS builder\n/);
    assert.match(builder ?? "", /build-essential libpq-dev/, "the builder is the original steps");
    assert.match(runtime ?? "", /^FROM python:3\.12-slim AS runtime\n/);
    assert.match(runtime ?? "", /install -y --no-install-recommends libpq5 &&/);
    assert.doesNotMatch(runtime ?? "", /build-essential|libpq-dev|pip install/);
    assert.match(runtime ?? "", /COPY --from=builder \/usr\/local \/usr\/local\nCOPY \. \.\nRUN useradd --create-home app\nUSER app/);
  });

  it("uv sync into a virtualenv: the runtime copies the virtualenv, not uv (the CMD does not run it)", () => {
    const r = assertGoalClean(UV_WITH_COMPILER, "smaller-image", "dockerfile/multi-stage-build");
    const runtime = r.output.split(/\n(?=FROM )/)[1] ?? "";
    assert.match(runtime, /COPY --from=builder \/app\/\.venv \/app\/\.venv/);
    assert.doesNotMatch(runtime, /astral-sh\/uv|gcc/);
  });

  it("keeps uv in the runtime when the container runs `uv run`", () => {
    const text = UV_WITH_COMPILER.replace('CMD ["uvicorn"', 'CMD ["uv", "run", "uvicorn"');
    const r = assertGoalClean(text, "smaller-image", "dockerfile/multi-stage-build");
    assert.match(r.output.split(/\n(?=FROM )/)[1] ?? "", /COPY --from=ghcr\.io\/astral-sh\/uv:0\.5\.11 \/uv \/usr\/local\/bin\/uv/);
  });

  const advised: [string, string, RegExp][] = [
    [
      "a header package whose library name depends on the release",
      PIP_WITH_COMPILER.replace("libpq-dev", "libxml2-dev"),
      /shared library of libxml2-dev/,
    ],
    [
      "a RUN before the install whose output is unknown",
      PIP_WITH_COMPILER.replace("WORKDIR /app\n", "WORKDIR /app\nRUN ./prepare.sh\n"),
      /cannot tell whether the runtime needs/,
    ],
    ["a later step that compiles", PIP_WITH_COMPILER.replace("COPY . .\n", "COPY . .\nRUN make -C native\n"), /builds with tooling/],
    ["pip install --user", PIP_WITH_COMPILER.replace("pip install --no-cache-dir", "pip install --user --no-cache-dir"), /--user/],
    [
      "Poetry's cache virtualenv",
      PIP_WITH_COMPILER.replace(
        "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt",
        "RUN pip install --no-cache-dir poetry\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root",
      ),
      /POETRY_VIRTUALENVS_IN_PROJECT/,
    ],
  ];
  for (const [what, text, message] of advised) {
    it(`advice, no change: ${what}`, () => {
      const { result } = run(text, "smaller-image", { "/ws/poetry.lock": "" });
      assert.deepEqual(result.goalChanges, []);
      assert.doesNotMatch(result.output, /AS builder/);
      const advice = result.advice.find((a) => a.ruleId === "dockerfile/multi-stage-build");
      assert.ok(advice, JSON.stringify(result.advice));
      assert.match(advice.message, message);
    });
  }

  it("no change and no advice for a Dockerfile that is already multi-stage or has no build tooling", () => {
    for (const text of [
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      `FROM python:3.12-slim AS base\nRUN echo hi\n${PIP_WITH_COMPILER.replace("FROM python:3.12-slim", "FROM base")}`,
    ]) {
      const { result } = run(text, "smaller-image");
      assert.deepEqual(result.goalChanges, []);
      assert.deepEqual(
        result.advice.filter((a) => a.ruleId === "dockerfile/multi-stage-build"),
        [],
      );
    }
  });
});

describe("refine faster-builds: dependency manifests before the source", () => {
  it("copies requirements.txt and installs before COPY . .", () => {
    const text =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n';
    const r = assertGoalClean(text, "faster-builds", "dockerfile/dependency-manifest-before-source");
    assert.match(r.output, /COPY requirements\.txt \.\/\nRUN pip install --no-cache-dir -r requirements\.txt\nCOPY \. \.\n/);
  });

  it("uv: installs the dependencies without the project first, then the project after the source", () => {
    const text =
      'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /usr/local/bin/uv\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\nCMD ["uvicorn", "main:app"]\n';
    const r = assertGoalClean(text, "faster-builds", "dockerfile/dependency-manifest-before-source");
    assert.match(
      r.output,
      /COPY pyproject\.toml uv\.lock \.\/\nRUN .*uv sync --frozen --no-dev --no-install-project\nCOPY \. \.\nRUN .*uv sync --frozen --no-dev\n/,
    );
  });

  it("an install the rule has no safe reordering for (cargo) is advice", () => {
    const text = "FROM rust:1.83\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\nRUN cargo build --release\n";
    const { result } = run(text, "faster-builds");
    assert.equal(result.output, text);
    assert.ok(result.advice.some((a) => a.ruleId === "dockerfile/dependency-manifest-before-source"));
  });
});

describe("refine security: secrets out of ARG and ENV", () => {
  const text =
    'FROM python:3.12-slim\nARG GITHUB_TOKEN\nENV API_KEY=abc123\nWORKDIR /app\nRUN git clone https://x:$GITHUB_TOKEN@github.com/acme/lib.git\nCMD ["python", "app.py"]\n';

  it("a build argument used only by RUN becomes a build-secret mount; the ENV secret is advice, left in place", () => {
    const { result, findings } = run(text, "security");
    assert.ok(result.goalChanges.some((c) => c.ruleId === "dockerfile/secrets-in-build-args"));
    assert.doesNotMatch(result.output, /ARG GITHUB_TOKEN/);
    assert.match(result.output, /RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN git clone/);
    assert.match(result.output, /ENV API_KEY=abc123/, "a run-time variable is not removed behind the user's back");
    assert.ok(result.advice.some((a) => /API_KEY/.test(a.message)));
    assert.deepEqual(
      findings(result.output)
        .filter((f) => f.ruleId === "dockerfile/secrets-in-build-args")
        .map((f) => f.messageId),
      ["env"],
    );
  });

  it("a build argument also used outside RUN is advice", () => {
    const t = 'FROM python:3.12-slim\nARG DB_PASSWORD\nLABEL pw=$DB_PASSWORD\nRUN echo "$DB_PASSWORD" > /dev/null\nCMD ["python"]\n';
    const { result } = run(t, "security");
    assert.match(result.output, /ARG DB_PASSWORD/);
    assert.ok(result.advice.some((a) => a.ruleId === "dockerfile/secrets-in-build-args"));
  });
});

describe("refine production: exec form, signals, a healthcheck whose tool exists", () => {
  const reliability = (findings: { category: string }[]) => findings.filter((f) => f.category === "reliability").length;

  it("a shell-form uvicorn: exec form, a Python probe (no curl in slim), runtime env; fewer reliability findings, still starts", () => {
    const text =
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY main.py .\nEXPOSE 8000\nCMD uvicorn main:app --host 0.0.0.0 --port 8000\n";
    const uvicorn = { "/ws/requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n" };
    const { result, findings, starts } = run(text, "production", uvicorn);
    assert.deepEqual(starts(text), [], "the input starts");
    assert.deepEqual(
      result.goalChanges.map((c) => c.ruleId),
      ["dockerfile/exec-form-cmd", "dockerfile/healthcheck-missing", "dockerfile/python-runtime-env"],
    );
    assert.match(result.output, /^CMD \["uvicorn", "main:app", "--host", "0\.0\.0\.0", "--port", "8000"\]$/m);
    assert.match(result.output, /^HEALTHCHECK .* CMD \["python", "-c", ".*urllib\.request.*127\.0\.0\.1:8000/m);
    assert.doesNotMatch(result.output, /curl|wget/);
    // uvicorn handles SIGTERM itself: no init
    assert.doesNotMatch(result.output, /tini/);
    assert.ok(reliability(findings(result.output)) < reliability(findings(text)));
    assert.deepEqual(starts(result.output), []);
    assert.equal(run(result.output, "production", uvicorn).result.changed, false, "refining again changes nothing");
  });

  it("distroless has no `python` on PATH: the probe calls the interpreter the image has (python3)", () => {
    const text =
      'FROM python:3.11-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --target /app/site -r requirements.txt\nFROM gcr.io/distroless/python3-debian12:nonroot\nWORKDIR /app\nCOPY --from=build /app/site /app/site\nCOPY main.py .\nENV PYTHONPATH=/app/site\nEXPOSE 8000\nENTRYPOINT ["python3", "-m", "uvicorn"]\nCMD ["main:app", "--host", "0.0.0.0", "--port", "8000"]\n';
    const uvicorn = { "/ws/requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n" };
    const { result, starts, findings } = run(text, "production", uvicorn);
    assert.match(result.output, /^HEALTHCHECK .* CMD \["python3", "-c", /m);
    assert.deepEqual(starts(result.output), []);
    assert.equal(findings(result.output).filter((f) => f.ruleId === "dockerfile/healthcheck-tool-available").length, 0);
  });

  const NODE = {
    "/ws/package.json": '{"name":"web","version":"1.0.0","dependencies":{"express":"4.21.0"}}',
    "/ws/package-lock.json": "{}",
    "/ws/server.js": "require('express')().listen(3000);\n",
  };

  it("node as PID 1 ignores SIGTERM: tini installed as root before USER and made the ENTRYPOINT; a node probe", () => {
    const text =
      "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY server.js ./\nUSER node\nEXPOSE 3000\nCMD node server.js\n";
    const { result, findings, starts } = run(text, "production", NODE);
    assert.ok(result.goalChanges.some((c) => c.ruleId === "refine/signals"));
    const lines = result.output.split("\n");
    const install = lines.findIndex((l) => /apt-get install -y --no-install-recommends tini/.test(l));
    assert.ok(install > 0 && install < lines.indexOf("USER node"), "installed while the stage is still root");
    assert.match(result.output, /^ENTRYPOINT \["tini", "--"\]\n(?:.*\n)*CMD \["node", "server\.js"\]$/m);
    assert.match(result.output, /^HEALTHCHECK .* CMD \["node", "-e", /m);
    assert.ok(reliability(findings(result.output)) < reliability(findings(text)));
    assert.deepEqual(starts(result.output), []);
    assert.equal(run(result.output, "production", NODE).result.changed, false);
  });

  it("on Alpine tini comes from apk", () => {
    const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n';
    const { result } = run(text, "production", NODE);
    assert.match(
      result.output,
      /^RUN apk add --no-cache tini\n(?:HEALTHCHECK .*\n)?ENTRYPOINT \["tini", "--"\]\nCMD \["node", "server\.js"\]$/m,
    );
  });

  it("a Python script on a hardened runtime (non-root, no package manager): advice to run it with an init", () => {
    const text = 'FROM dhi.io/python:3.13-debian13\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';
    const { result } = run(text, "production");
    assert.doesNotMatch(result.output, /tini/);
    assert.ok(result.advice.some((a) => a.ruleId === "refine/signals" && /init: true/.test(a.message)));
  });

  it("a Python script on slim: tini goes in before the USER switch, while the stage is root", () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n';
    const { result, starts } = run(text, "production");
    assert.match(
      result.output,
      /rm -rf \/var\/lib\/apt\/lists\/\*\nUSER nobody\nENTRYPOINT \["tini", "--"\]\nCMD \["python", "app\.py"\]\n$/,
    );
    assert.deepEqual(starts(result.output), []);
  });

  it("uWSGI reloads on SIGTERM: STOPSIGNAL SIGINT, unless --die-on-term", () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["uwsgi", "--http", ":8000", "--wsgi-file", "app.py"]\n';
    assert.match(run(text, "production").result.output, /^STOPSIGNAL SIGINT\nCMD \["uwsgi"/m);
    const dies = text.replace('"app.py"]', '"app.py", "--die-on-term"]');
    assert.doesNotMatch(run(dies, "production").result.output, /STOPSIGNAL/);
  });

  it("an already exec-form server with its own signal handling and a healthcheck is left alone", () => {
    const text =
      'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nWORKDIR /app\nCOPY main.py .\nUSER nobody\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')"]\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n';
    const { result } = run(text, "production");
    assert.deepEqual(result.goalChanges, []);
  });
});

describe("refine on the practices documents' own Dockerfiles: each goal's larger changes", () => {
  const practices = join(__dirname, "..", "..", "fixtures", "practices");
  const goals = ["smaller-image", "faster-builds", "security", "production"] as const;
  const load = (rel: string) => ({ path: join(practices, rel), text: readFileSync(join(practices, rel), "utf8") });
  /** Findings of the goal: at info and above (what review lists outside "Consider"), and with hints. */
  const counted = (path: string, text: string, goal: RefineGoal, fs: WorkspaceFs) => {
    const ofGoal = lint({ path, text, fs }).findings.filter((f) => GOAL_CATEGORIES[goal].includes(f.category));
    return { main: ofGoal.filter((f) => f.severity !== "hint").length, all: ofGoal.length };
  };

  for (const rel of ["stockbook/Dockerfile", "dashtam/Dockerfile", "stockbook/Dockerfile.dev"]) {
    for (const goal of goals) {
      it(`${rel} × ${goal}: no more findings of the goal, starts whenever the input did, stable`, () => {
        const { path, text } = load(rel);
        const r = refine({ path, text, fs: nodeFs, goal });
        // the files the refinement creates (a .dockerignore) are part of its result
        const fs = withCreated(nodeFs, new Map(r.changes.filter((c) => c.create !== undefined).map((c) => [c.path, c.create as string])));
        const before = counted(path, text, goal, nodeFs);
        const after = counted(path, r.output, goal, fs);
        assert.ok(after.main <= before.main, `${after.main} > ${before.main}`);
        if (r.goalChanges.length > 0 || r.applied.length > 0)
          assert.ok(
            after.main < before.main || after.all < before.all,
            `a change answers a finding (${JSON.stringify({ before, after })})`,
          );
        if (checkStart({ dockerfilePath: path, text, fs: nodeFs }).failures.length === 0)
          assert.deepEqual(
            checkStart({ dockerfilePath: path, text: r.output, fs }).failures.map((f) => f.message),
            [],
          );
        assert.equal(refine({ path, text: r.output, fs, goal }).changed, false, "refining again changes nothing");
      });
    }
  }

  it("stockbook (practice 002) × production: the probe fails on HTTP errors, and the piped RUN gets pipefail", () => {
    const { path, text } = load("stockbook/Dockerfile");
    const r = refine({ path, text, fs: nodeFs, goal: "production" });
    assert.deepEqual(
      r.goalChanges.map((c) => c.ruleId),
      ["dockerfile/healthcheck-status-ignored", "dockerfile/shell-pipefail"],
    );
    assert.match(r.output, /raise_for_status\(\)/);
    assert.match(r.output, /^SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]$/m);
  });

  it("stockbook × smaller-image: ownership set by COPY --chown instead of a chown -R layer", () => {
    const { path, text } = load("stockbook/Dockerfile");
    const r = refine({ path, text, fs: nodeFs, goal: "smaller-image" });
    assert.ok(r.goalChanges.some((c) => c.ruleId === "dockerfile/chown-in-separate-layer"));
    assert.doesNotMatch(r.output, /chown -R/);
    assert.match(r.output, /^COPY (--from=\S+ )?--chown=appuser:appuser /m);
  });

  it("dashtam (practice 001) × faster-builds: uv's cache mount in the cache folder of the user that runs uv sync", () => {
    const { path, text } = load("dashtam/Dockerfile");
    const r = refine({ path, text, fs: nodeFs, goal: "faster-builds" });
    // practice 001 creates appuser with -u 1000, and BuildKit's cache mount is root's unless uid= says otherwise
    assert.match(r.output, /^RUN --mount=type=cache,target=\/home\/appuser\/\.cache\/uv,uid=1000 uv sync --frozen$/m);
  });

  it("dashtam × security: a .dockerignore is created for its COPY . ., shown as a change to apply", () => {
    const { path, text } = load("dashtam/Dockerfile");
    const r = refine({ path, text, fs: nodeFs, goal: "security" });
    assert.ok(r.changed);
    const created = r.changes.find((c) => c.path === join(practices, "dashtam", ".dockerignore"));
    assert.ok(created?.create, JSON.stringify(r.changes));
    assert.match(created.create, /^\.git$/m);
    assert.match(created.create, /^\.env$/m);
  });

  it("smaller-image on a full base: the slim variant; security: a non-root user and a pinned base", () => {
    const text = 'FROM python\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';
    const security = run(text, "security").result;
    assert.match(security.output, /^FROM python:\d+\.\d+/m);
    assert.match(security.output, /^USER app$/m);
    const full = 'FROM python:3.12\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';
    assert.match(run(full, "smaller-image").result.output, /^FROM python:3\.12-slim$/m);
  });
});
