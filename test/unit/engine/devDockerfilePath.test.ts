import assert from "node:assert/strict";
import { it } from "node:test";
import { DockerfileModel, isDevDockerfilePath, productionTwinNames } from "../../../server/src/engine/model/dockerfile";

it("development Dockerfiles by name or by one of the two folders above them", () => {
  for (const p of [
    "/ws/Dockerfile.dev",
    "/ws/app.local.Dockerfile",
    "/ws/.devcontainer/Dockerfile",
    "/ws/docker/dev/Dockerfile",
    "/ws/compose/local/django/Dockerfile",
    "/ws/development/Dockerfile",
  ]) {
    assert.ok(isDevDockerfilePath(p), p);
  }
  for (const p of [
    "/ws/Dockerfile",
    "/ws/compose/production/django/Dockerfile",
    // a dev folder further up, or a home/usr folder, says nothing about this file
    "/ws/local/services/api/Dockerfile",
    "/home/dev/Dockerfile",
    "/home/dev/app/Dockerfile",
    "/usr/local/app/Dockerfile",
    "/Users/local/Dockerfile",
    "/ws/developer-tools/Dockerfile",
  ]) {
    assert.ok(!isDevDockerfilePath(p), p);
  }
});

it("a plain Dockerfile with a production variant beside it is the development one", () => {
  assert.deepEqual(productionTwinNames("/ws/dagster/Dockerfile"), [
    "/ws/dagster/prod.Dockerfile",
    "/ws/dagster/production.Dockerfile",
    "/ws/dagster/Dockerfile.prod",
    "/ws/dagster/Dockerfile.production",
  ]);
  assert.deepEqual(productionTwinNames("/ws/dagster/prod.Dockerfile"), []);
  assert.deepEqual(productionTwinNames("/ws/Dockerfile.web"), []);
  const dev = new DockerfileModel("/ws/Dockerfile", 'FROM python:3.13\nCMD ["python"]\n', { hasProductionTwin: true });
  assert.equal(dev.isDevFile, true);
  assert.equal(dev.finalStage?.role, "dev");
  assert.equal(new DockerfileModel("/ws/Dockerfile", "FROM python:3.13\n").isDevFile, false);
});
