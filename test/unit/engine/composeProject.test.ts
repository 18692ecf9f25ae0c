import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";
import { loadComposeProject } from "../../../server/src/engine/model/composeProject";
import { lint } from "../../../server/src/engine/linter";
import { memoryFs } from "../../../server/src/engine/workspace";
import { basename } from "../../../server/src/engine/paths";
import { allRules } from "../../../server/src/engine/rules";
import { matchesNameGlob, watchedNames } from "../../../server/src/engine/watch";

function project(files: Record<string, string>, linted: string) {
  const fs = memoryFs(files);
  const file = new ComposeFileModel(linted, files[linted] as string);
  return loadComposeProject(file, fs);
}

describe("compose project", () => {
  const files = {
    "/ws/compose.yml":
      "services:\n  api:\n    image: acme/api:1.0\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n    env_file: .env.production\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: [CMD, pg_isready]\n",
    "/ws/compose.override.yml":
      "services:\n  api:\n    image: acme/api:dev\n    ports: !reset []\n  db:\n    healthcheck:\n      disable: true\n",
    "/ws/compose-dev.yml": "services:\n  tools:\n    extends: api\n",
    "/ws/docker-compose.yml": "services:\n  ignored: {image: x:1}\n",
    "/ws/docker/api.Dockerfile": "FROM python:3.13-slim\n",
    "/ws/sub/compose.yml": "services:\n  other: {image: y:1}\n",
  };

  it("groups the base, its override and the folder's variants; a second base name is ignored", () => {
    const p = project(files, "/ws/compose.override.yml");
    assert.deepEqual(
      p.files.map((f) => f.path),
      ["/ws/compose.yml", "/ws/compose.override.yml", "/ws/compose-dev.yml"],
    );
    assert.equal(p.role(p.files[0] as ComposeFileModel), "base");
    assert.equal(p.role(p.files[1] as ComposeFileModel), "override");
    assert.equal(p.role(p.files[2] as ComposeFileModel), "variant");
    assert.ok(p.isDevFile(p.files[2] as ComposeFileModel));
    assert.ok(p.isProductionBase(p.files[0] as ComposeFileModel));
    assert.deepEqual(p.serviceNames().sort(), ["api", "db", "tools"]);
  });

  it("merges values: later files win, !reset clears, extends is followed, a disabled healthcheck is none", () => {
    const p = project(files, "/ws/compose.yml");
    assert.equal(p.image("api"), "acme/api:dev");
    assert.equal(p.value("api", "ports"), undefined);
    assert.equal(p.image("tools"), "acme/api:dev");
    assert.equal(p.healthcheck("db"), undefined);
    assert.ok(p.healthcheckDisabled("db"));
  });

  it("every file the project reads is one the server watches", () => {
    const glob = watchedNames(allRules);
    for (const path of [
      "/ws/compose.yml",
      "/ws/compose.override.yml",
      "/ws/compose-dev.yml",
      "/ws/docker/api.Dockerfile",
      "/ws/.env.production",
      "/ws/.env.example",
      "/ws/.gitignore",
      "/ws/workspace.yaml",
      "/ws/dagster.yaml",
    ]) {
      const name = basename(path);
      assert.ok(
        glob.some((g) => matchesNameGlob(name, g)),
        `${name} in ${glob.join(", ")}`,
      );
    }
  });

  it("records files rules read on the way (Dagster's workspace.yaml)", () => {
    const fs = memoryFs({
      "/ws/compose.yml":
        'services:\n  code:\n    image: a:1\n    command: ["dagster", "api", "grpc", "-p", "4000"]\n  web:\n    image: b:1\n    command: ["dagster-webserver"]\n    volumes:\n      - ./conf/workspace.yaml:/opt/dagster/workspace.yaml\n',
      "/ws/conf/workspace.yaml": "load_from:\n  - grpc_server: {host: code, port: 4000}\n",
    });
    const file = new ComposeFileModel("/ws/compose.yml", fs.readFile("/ws/compose.yml") as string);
    const read: string[] = [];
    const recording = { ...fs, readFile: (path: string) => (read.push(path), fs.readFile(path)) };
    const p = loadComposeProject(file, recording);
    lint({ path: file.path, text: file.text, fs: recording, composeProject: p });
    assert.ok(read.includes("/ws/conf/workspace.yaml"), read.join(", "));
  });

  it("include: pulls in services of other folders", () => {
    const p = project(
      {
        "/ws/compose.yml": "include:\n  - db/compose.yml\nservices:\n  api: {image: a:1}\n",
        "/ws/db/compose.yml": "services:\n  db: {image: postgres:16.4}\n",
      },
      "/ws/compose.yml",
    );
    assert.ok(p.hasService("db"));
    assert.equal(p.role(p.included[0] as ComposeFileModel), "include");
  });
});
