import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  detectServerFramework,
  dockerfileHealthcheck,
  healthcheckFor,
  probeIgnoresStatus,
} from "../../../../server/src/engine/analysis/python";

const argv = (s: string) => s.split(" ");
const NONE = { curl: false, wget: false, python: false, node: false };

describe("detectServerFramework", () => {
  const cases: [string, string, number, boolean, string | undefined][] = [
    ["uvicorn app.main:app --host 0.0.0.0 --port 8000", "fastapi", 8000, true, undefined],
    ["uv run uvicorn main:app --reload", "fastapi", 8000, false, "--reload"],
    ["python -m uvicorn app:app --port=9000", "fastapi", 9000, true, undefined],
    ["gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:8080 app:app", "fastapi", 8080, true, undefined],
    ["gunicorn --bind :5000 wsgi:app", "wsgi", 5000, true, undefined],
    ["flask run --host=0.0.0.0", "flask", 5000, false, "flask run"],
    ["python manage.py runserver 0.0.0.0:8001", "django", 8001, true, "manage.py runserver"],
    ["streamlit run app.py --server.port=8502", "streamlit", 8502, true, undefined],
    ["dagster api grpc -h 0.0.0.0 -p 4000 -m defs", "dagster-grpc", 4000, true, undefined],
    ["dagster code-server start -p 4001 -m defs", "dagster-grpc", 4001, true, undefined],
    ["dagster-webserver -h 0.0.0.0 -p 3000 -w workspace.yaml", "dagster-webserver", 3000, true, undefined],
    ["dagster-daemon run", "dagster-daemon", 0, false, undefined],
    ["dagster dev -h 0.0.0.0 -p 3000", "dagster-dev", 3000, true, "dagster dev"],
    ["airflow webserver", "airflow-webserver", 8080, false, undefined],
    ["tini -- node server.js", "node", 3000, false, undefined],
    ["fastapi dev app/main.py", "fastapi", 8000, false, "fastapi dev"],
  ];
  for (const [cmd, framework, port, explicit, dev] of cases) {
    it(cmd, () => {
      const d = detectServerFramework([argv(cmd)]);
      assert.ok(d, "detected");
      assert.equal(d.framework, framework);
      assert.equal(d.port, port);
      assert.equal(d.portExplicit, explicit);
      assert.equal(d.devServer, dev);
    });
  }
  it("scripts and unknown programs are not servers", () => {
    assert.equal(detectServerFramework([argv("python job.py"), argv("alembic upgrade head")]), undefined);
  });
  it("the first server among several commands wins (`alembic … && uvicorn …`)", () => {
    assert.equal(detectServerFramework([argv("alembic upgrade head"), argv("uvicorn app:app")])?.framework, "fastapi");
  });
});

describe("healthcheckFor", () => {
  it("FastAPI on a slim image without curl: a urllib probe that fails on HTTP errors", () => {
    const h = healthcheckFor("fastapi", 8000, NONE);
    assert.ok(h);
    assert.equal(h.test[0], "python");
    assert.match(h.test[2] as string, /urlopen\('http:\/\/127\.0\.0\.1:8000\/health'/);
    assert.match(h.test[2] as string, /r\.status < 400/);
    assert.equal(h.startPeriod, "10s");
  });
  it("Streamlit with curl: curl --fail on /_stcore/health with a 45s start period", () => {
    const h = healthcheckFor("streamlit", 8501, { ...NONE, curl: true });
    assert.deepEqual(h?.test.slice(0, 2), ["curl", "--fail"]);
    assert.equal(h?.url, "http://127.0.0.1:8501/_stcore/health");
    assert.equal(h?.startPeriod, "45s");
  });
  it("Dagster gRPC uses its own check; the daemon its liveness check", () => {
    assert.deepEqual(healthcheckFor("dagster-grpc", 4000, NONE)?.test, ["dagster", "api", "grpc-health-check", "-p", "4000"]);
    assert.deepEqual(healthcheckFor("dagster-daemon", 0, NONE)?.test, ["dagster-daemon", "liveness-check"]);
  });
  it("Node falls back to node -e, Alpine wget before python when no curl", () => {
    assert.equal(healthcheckFor("node", 3000, NONE)?.test[0], "node");
    assert.equal(healthcheckFor("node", 3000, { ...NONE, wget: true })?.test[0], "wget");
  });
  it("renders as a Dockerfile instruction in JSON form", () => {
    const spec = healthcheckFor("dagster-grpc", 4000, NONE);
    assert.ok(spec);
    assert.equal(
      dockerfileHealthcheck(spec),
      'HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dagster", "api", "grpc-health-check", "-p", "4000"]',
    );
  });
});

describe("probeIgnoresStatus", () => {
  it("finds requests.get(...) without a status check, with its extent", () => {
    const code = "import requests; requests.get('http://x/', timeout=(1, 2))";
    const r = probeIgnoresStatus(code);
    assert.ok(r);
    assert.equal(code.slice(r.index, r.end), "requests.get('http://x/', timeout=(1, 2))");
  });
  it("accepts raise_for_status, status_code and urllib", () => {
    assert.equal(probeIgnoresStatus("requests.get(u).raise_for_status()"), undefined);
    assert.equal(probeIgnoresStatus("import sys,requests; sys.exit(requests.get(u).status_code >= 400)"), undefined);
    assert.equal(probeIgnoresStatus("urllib.request.urlopen(u)"), undefined);
  });
});
