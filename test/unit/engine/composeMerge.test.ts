import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";
import { loadComposeProject } from "../../../server/src/engine/model/composeProject";
import { memoryFs } from "../../../server/src/engine/workspace";

/** The project of `/p/compose.yaml` with the given files (paths relative to /p). */
function project(files: Record<string, string>, lintee = "compose.yaml") {
  const abs: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) abs[`/p/${k}`] = v;
  const fs = memoryFs(abs);
  const file = new ComposeFileModel(`/p/${lintee}`, abs[`/p/${lintee}`] as string);
  return loadComposeProject(file, fs);
}

describe("compose merge across files (docker compose config)", () => {
  it("mappings: missing keys added, conflicting scalars taken from the later file", () => {
    const p = project({
      "compose.yaml": "services:\n  web:\n    image: shop/web:1.0\n    restart: always\n",
      "compose.override.yaml": "services:\n  web:\n    restart: unless-stopped\n    init: true\n",
    });
    assert.deepEqual(p.merged("web"), { image: "shop/web:1.0", restart: "unless-stopped", init: true });
  });

  it("nested mappings merge deeply (deploy, healthcheck, build, logging)", () => {
    const p = project({
      "compose.yaml":
        'services:\n  api:\n    image: shop/api:2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n    healthcheck:\n      test: ["CMD", "/bin/check", "--deep"]\n      interval: 30s\n    build:\n      context: .\n      args:\n        - PY=3.13\n',
      "compose.override.yaml":
        "services:\n  api:\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          cpus: '0.5'\n    healthcheck:\n      test: [\"CMD\", \"/bin/check\"]\n    build:\n      args:\n        DEBUG: '1'\n",
    });
    assert.deepEqual(p.mergedIn("api", ["deploy"]), { resources: { limits: { memory: "512M", cpus: "0.5" } }, replicas: 2 });
    // healthcheck.test is a command: replaced, not appended; the rest of the mapping is kept
    assert.deepEqual(p.mergedIn("api", ["healthcheck"]), { test: ["CMD", "/bin/check"], interval: "30s" });
    assert.deepEqual(p.mergedIn("api", ["build", "args"]), { PY: "3.13", DEBUG: "1" });
  });

  it("environment and labels: list and mapping forms merge as mappings", () => {
    const p = project({
      "compose.yaml":
        "services:\n  w:\n    image: a:1\n    environment:\n      - LOG=info\n      - MODE=prod\n    labels:\n      tier: web\n",
      "compose.override.yaml": "services:\n  w:\n    environment:\n      LOG: debug\n    labels:\n      - team=shop\n",
    });
    assert.deepEqual(p.mergedIn("w", ["environment"]), { LOG: "debug", MODE: "prod" });
    assert.deepEqual(p.mergedIn("w", ["labels"]), { tier: "web", team: "shop" });
  });

  it("plain sequences are appended; command and entrypoint are replaced", () => {
    const p = project({
      "compose.yaml":
        'services:\n  w:\n    image: a:1\n    dns:\n      - 1.1.1.1\n    command: ["serve", "--port", "80"]\n    entrypoint: /init\n',
      "compose.override.yaml": 'services:\n  w:\n    dns:\n      - 8.8.8.8\n    command: ["serve", "--reload"]\n',
    });
    assert.deepEqual(p.mergedIn("w", ["dns"]), ["1.1.1.1", "8.8.8.8"]);
    assert.deepEqual(p.mergedIn("w", ["command"]), ["serve", "--reload"]);
    assert.equal(p.mergedIn("w", ["entrypoint"]), "/init");
  });

  it("unique resources: a volume with the same target replaces, ports dedupe on ip/target/published/protocol", () => {
    const p = project({
      "compose.yaml":
        'services:\n  w:\n    image: a:1\n    volumes:\n      - data:/var/lib/app\n      - ./conf:/etc/app:ro\n    ports:\n      - "8080:80"\n    secrets:\n      - api_key\n',
      "compose.override.yaml":
        'services:\n  w:\n    volumes:\n      - type: volume\n        source: fast\n        target: /var/lib/app\n      - ./src:/src\n    ports:\n      - "8080:80"\n      - "9229:9229"\n    secrets:\n      - source: api_key\n        target: /run/secrets/api_key\n        uid: "103"\n',
    });
    assert.deepEqual(p.mergedIn("w", ["volumes"]), [
      { type: "volume", source: "fast", target: "/var/lib/app" },
      "./conf:/etc/app:ro",
      "./src:/src",
    ]);
    assert.deepEqual(p.mergedIn("w", ["ports"]), ["8080:80", "9229:9229"]);
    assert.deepEqual(p.mergedIn("w", ["secrets"]), [{ source: "api_key", target: "/run/secrets/api_key", uid: "103" }]);
  });

  it("depends_on: list and mapping forms merge by service name", () => {
    const p = project({
      "compose.yaml":
        "services:\n  w:\n    image: a:1\n    depends_on:\n      - db\n  db:\n    image: postgres:17\n  cache:\n    image: redis:7\n",
      "compose.override.yaml":
        "services:\n  w:\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n",
    });
    assert.deepEqual(p.mergedIn("w", ["depends_on"]), {
      db: { condition: "service_healthy" },
      cache: { condition: "service_started" },
    });
  });

  it("!reset removes a value, !override replaces it without merging", () => {
    const p = project({
      "compose.yaml":
        "services:\n  app:\n    image: myapp:1\n    ports:\n      - \"8080:80\"\n    environment:\n      FOO: BAR\n      KEEP: yes\n    labels:\n      a: '1'\n",
      "compose.override.yaml":
        "services:\n  app:\n    ports: !reset []\n    environment:\n      FOO: !reset null\n    labels: !override\n      b: '2'\n",
    });
    assert.deepEqual(p.merged("app"), { image: "myapp:1", environment: { KEEP: "yes" }, labels: { b: "2" } });
    const q = project({
      "compose.yaml": 'services:\n  app:\n    image: myapp:1\n    ports:\n      - "8080:80"\n',
      "compose.override.yaml": 'services:\n  app:\n    ports: !override\n      - "8443:443"\n',
    });
    assert.deepEqual(q.mergedIn("app", ["ports"]), ["8443:443"]);
  });

  it("extends in the same file and with file: are followed; the service's own keys win", () => {
    const p = project({
      "compose.yaml":
        "services:\n  base:\n    image: shop/base:1\n    restart: always\n    environment:\n      A: '1'\n  web:\n    extends: base\n    environment:\n      B: '2'\n  worker:\n    extends:\n      file: common/services.yml\n      service: job\n    command: [\"work\"]\n",
      "common/services.yml":
        'services:\n  job:\n    image: shop/job:3\n    command: ["idle"]\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n',
    });
    assert.deepEqual(p.merged("web"), { image: "shop/base:1", restart: "always", environment: { A: "1", B: "2" } });
    assert.deepEqual(p.merged("worker"), {
      image: "shop/job:3",
      command: ["work"],
      deploy: { resources: { limits: { memory: "256M" } } },
    });
    // value() sees inherited keys too, in the file that holds them
    assert.equal(p.value("worker", "deploy")?.file.path, "/p/common/services.yml");
  });

  it("extends cycles and missing targets stay bounded", () => {
    const p = project({
      "compose.yaml":
        "services:\n  a:\n    extends: b\n    image: x:1\n  b:\n    extends: a\n  c:\n    extends:\n      file: nowhere.yml\n      service: z\n",
    });
    assert.equal(p.mergedIn("a", ["image"]), "x:1");
    assert.deepEqual(p.merged("c"), {});
    const c = p.definitions("c")[0];
    assert.equal(c && p.extendsTarget(c.file, c)?.missing, "file");
  });
  it("YAML merge keys (<<: *anchor) are read, the mapping's own keys win", () => {
    const p = project({
      "compose.yaml":
        "x-common: &common\n  image: shop/app:1\n  restart: always\n  deploy:\n    resources:\n      limits:\n        memory: 256M\nservices:\n  web:\n    <<: *common\n    restart: unless-stopped\n",
    });
    assert.deepEqual(p.merged("web"), {
      image: "shop/app:1",
      restart: "unless-stopped",
      deploy: { resources: { limits: { memory: "256M" } } },
    });
  });
});
