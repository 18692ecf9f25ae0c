import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { generateDagster } from "../../../server/src/engine/generators/dagster";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { projectFs, readProject, rootOf } from "./helpers";

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
});
