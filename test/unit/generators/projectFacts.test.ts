import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { memoryFs } from "../../../server/src/engine/workspace";
import { projectFs, readProject, rootOf } from "./helpers";

function factsOf(name: string) {
  const root = rootOf(name);
  return readProjectFacts(projectFs(root, readProject(name)), root);
}

describe("readProjectFacts", () => {
  it("uv + FastAPI in a src/ layout", () => {
    const f = factsOf("uv-fastapi-src");
    assert.equal(f.name, "shop-api");
    assert.equal(f.packageManager, "uv");
    assert.equal(f.lockfile, "uv.lock");
    assert.deepEqual(f.manifests, ["pyproject.toml", "uv.lock"]);
    assert.equal(f.pythonVersion, "3.12");
    assert.equal(f.pythonVersionSource, ".python-version");
    assert.equal(f.framework, "fastapi");
    assert.equal(f.srcLayout, true);
    assert.deepEqual(f.sourcePaths, ["src"]);
    assert.equal(f.entry, "shop_api.main:app");
    assert.equal(f.port, 8000);
    assert.equal(f.healthPath, "/healthz");
    assert.deepEqual(f.buildFiles, ["README.md"]);
    assert.equal(f.lockedVersions.get("fastapi"), "0.115.6");
  });

  it("Poetry + Flask", () => {
    const f = factsOf("poetry-flask");
    assert.equal(f.name, "ledger");
    assert.equal(f.packageManager, "poetry");
    assert.equal(f.pythonVersion, "3.11");
    assert.equal(f.pythonVersionSource, "requires-python");
    assert.equal(f.framework, "flask");
    assert.equal(f.entry, "ledger.app:app");
    assert.deepEqual(f.sourcePaths, ["ledger"]);
  });

  it("pip + Streamlit", () => {
    const f = factsOf("pip-streamlit");
    assert.equal(f.name, "pip-streamlit");
    assert.equal(f.packageManager, "pip");
    assert.deepEqual(f.manifests, ["requirements.txt"]);
    assert.equal(f.devRequirements, "requirements-dev.txt");
    assert.equal(f.framework, "streamlit");
    assert.equal(f.entry, "streamlit_app.py");
    assert.equal(f.port, 8501);
    assert.equal(f.healthPath, "/_stcore/health");
    assert.equal(f.pythonVersionSource, "default");
  });

  it("Dagster code location", () => {
    const f = factsOf("dagster-code");
    assert.equal(f.framework, "dagster");
    assert.equal(f.entry, "weather_pipelines.definitions");
    assert.equal(f.port, 4000);
    assert.equal(f.lockedVersions.get("dagster"), "1.11.13");
  });

  it("Node app with npm", () => {
    const f = factsOf("node-app");
    assert.equal(f.platform, "node");
    assert.equal(f.name, "storefront");
    assert.equal(f.packageManager, "npm");
    assert.equal(f.lockfile, "package-lock.json");
    assert.equal(f.nodeVersion, "20");
    assert.equal(f.entry, "server.js");
    assert.equal(f.port, 3000);
    assert.equal(f.healthPath, "/health");
  });

  it("a plain script: its console script, no port", () => {
    const f = factsOf("plain-script");
    assert.equal(f.framework, "script");
    assert.equal(f.entry, "nightly-report");
    assert.equal(f.entryFile, "nightly_report/main.py");
    assert.equal(f.pythonVersion, "3.13");
  });

  it("a TypeScript Node app: build output, port from the sources, pnpm dev script", () => {
    const f = readProjectFacts(
      memoryFs({
        "/p/api/package.json": JSON.stringify({
          name: "api",
          main: "dist/index.js",
          scripts: { build: "tsc", dev: "tsx watch src/index.ts" },
        }),
        "/p/api/pnpm-lock.yaml": "",
        "/p/api/src/index.ts": "const port = Number(process.env.PORT ?? 8080);\n",
      }),
      "/p/api",
    );
    assert.equal(f.packageManager, "pnpm");
    assert.equal(f.entry, "dist/index.js");
    assert.equal(f.buildOutput, "dist");
    assert.equal(f.port, 8080);
  });

  it("pnpm and yarn are told apart by their lockfiles", () => {
    const pnpm = readProjectFacts(memoryFs({ "/p/package.json": '{"name":"x"}', "/p/pnpm-lock.yaml": "" }), "/p");
    assert.equal(pnpm.packageManager, "pnpm");
    const yarn = readProjectFacts(memoryFs({ "/p/package.json": '{"name":"x"}', "/p/yarn.lock": "" }), "/p");
    assert.equal(yarn.packageManager, "yarn");
  });

  it("Django: manage.py and the wsgi module", () => {
    const f = readProjectFacts(
      memoryFs({
        "/p/requirements.txt": "django==5.1.4\ngunicorn==23.0.0\n",
        "/p/manage.py": "import os\n",
        "/p/mysite/__init__.py": "",
        "/p/mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
      }),
      "/p",
    );
    assert.equal(f.framework, "django");
    assert.equal(f.entry, "mysite.wsgi");
  });

  it("an empty folder gets defaults, not an exception", () => {
    const f = readProjectFacts(memoryFs({}), "/empty");
    assert.equal(f.framework, "script");
    assert.equal(f.pythonVersion, "3.13");
  });
});
