import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { generateDagster } from "../../../server/src/engine/generators/dagster";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { assertLintsClean, assertStarts, projectFs, readProject, rootOf } from "./helpers";

interface Service {
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  command?: string[];
}

describe("generateDagster", () => {
  it("wires the topology: health-gated dependencies, matching workspace, secrets only from .env", () => {
    const root = rootOf("dagster-code");
    const out = generateDagster(readProjectFacts(projectFs(root, readProject("dagster-code")), root));
    const file = (p: string) => out.find((f) => f.path === p)?.contents ?? "";
    const compose = parse(file("compose.yml"), { merge: true }) as { services: Record<string, Service> };
    const s = compose.services;
    for (const name of ["webserver", "daemon"]) {
      assert.equal(s[name]?.depends_on?.["user-code"]?.condition, "service_healthy", `${name} waits for user-code`);
      assert.equal(s[name]?.depends_on?.postgres?.condition, "service_healthy", `${name} waits for postgres`);
      assert.equal(s[name]?.environment?.DAGSTER_HOME, "/opt/dagster/dagster_home");
    }
    assert.deepEqual(s["user-code"]?.healthcheck?.test, ["CMD", "dagster", "api", "grpc-health-check", "-p", "4000"]);
    const workspace = parse(file("dagster/workspace.yaml")) as { load_from: { grpc_server: { host: string; port: number } }[] };
    assert.equal(workspace.load_from[0]?.grpc_server.host, "user-code");
    assert.equal(workspace.load_from[0]?.grpc_server.port, 4000);
    assert.match(file("docker/user-code.Dockerfile"), /"-p", "4000", "-m", "weather_pipelines.definitions"/);
    assert.match(file("dagster/dagster.yaml"), /password:\n\s+env: DAGSTER_PG_PASSWORD/);
    assert.doesNotMatch(file("compose.yml"), /PASSWORD: [^$]/);
    assert.match(file(".env.example"), /^DAGSTER_PG_PASSWORD=$/m);
    assert.match(file("docker/dagster.Dockerfile"), /dagster==1\.11\.13 .*\n.*dagster-webserver==1\.11\.13/);
    assert.match(file("compose.override.yml"), /dagster\.dev\.Dockerfile/);
    assert.match(file("docker/dagster.dev.Dockerfile"), /"dagster", "dev"/);
  });

  it("runs the web app beside the definitions (pluginlake) from the code server's image; --no-app leaves it out", () => {
    const root = rootOf("pluginlake");
    const files = readProject("pluginlake");
    const facts = readProjectFacts(projectFs(root, files), root);
    for (const flavour of ["slim", "hardened", "distroless"] as const) {
      const out = generateDagster(facts, { flavour });
      const file = (p: string) => out.find((f) => f.path === p)?.contents ?? "";
      const s = (
        parse(file("compose.yml"), { merge: true }) as { services: Record<string, Service & { build?: unknown; ports?: string[] }> }
      ).services;
      const app = s.pluginlake;
      assert.ok(app, `${flavour}: the app service is there`);
      assert.deepEqual(app.build, s["user-code"] && (s["user-code"] as { build?: unknown }).build, "the same image as the code server");
      const python = flavour === "distroless" ? ["python3", "-m"] : [];
      assert.deepEqual(app.command, [...python, "uvicorn", "pluginlake.api.main:app", "--host", "0.0.0.0", "--port", "8000"]);
      assert.deepEqual(app.ports, ["8000:8000"]);
      assert.match(app.healthcheck?.test.join(" ") ?? "", /127\.0\.0\.1:8000\/health/);
      const dev = parse(file("compose.override.yml")) as {
        services: Record<string, Service & { profiles?: string[]; volumes?: string[] }>;
      };
      assert.deepEqual(dev.services.pluginlake?.profiles, ["production"]);
      assert.ok(dev.services["pluginlake-dev"]?.command?.includes("--reload"));
      assert.deepEqual(dev.services["pluginlake-dev"]?.volumes, ["./src:/app/src"]);
      // module importable, ports agree, the probe's tool exists in the image; and the files lint clean
      assertStarts(root, files, out);
      assertLintsClean(root, files, out);

      const without = generateDagster(facts, { flavour, app: false });
      const only = (p: string) => without.find((f) => f.path === p)?.contents ?? "";
      const names = (p: string) => Object.keys((parse(only(p), { merge: true }) as { services: object }).services);
      assert.deepEqual(names("compose.yml"), ["postgres", "user-code", "webserver", "daemon"]);
      assert.doesNotMatch(only("compose.yml"), /uvicorn/);
      assert.deepEqual(names("compose.override.yml"), ["user-code", "webserver", "daemon", "dagster-dev"]);
      assert.match(only("docker/user-code.Dockerfile"), /^EXPOSE 4000$/m);
      assertStarts(root, files, without);
    }
  });

  it("leaves a Dagster-only project as it was, whatever the app option", () => {
    const root = rootOf("dagster-code");
    const facts = readProjectFacts(projectFs(root, readProject("dagster-code")), root);
    assert.deepEqual(generateDagster(facts, { app: true }), generateDagster(facts));
    assert.deepEqual(generateDagster(facts, { app: false }), generateDagster(facts));
  });
});
