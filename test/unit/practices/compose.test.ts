/**
 * The compose examples from the practice documents (copied into test/fixtures/practices/): every problem they
 * show is caught, and what they do right (the Dagster pattern with `service_healthy`) is not flagged.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lint } from "../../../server/src/engine/linter";
import { composeRules } from "../../../server/src/engine/rules/compose";
import type { Finding } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";

const FIXTURES = join(__dirname, "../../fixtures/practices");

function workspace(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}/${name}`);
      else files[`/ws${rel}/${name}`] = readFileSync(p, "utf8");
    }
  };
  walk(join(FIXTURES, folder), "");
  return files;
}

function lintFixture(folder: string, file: string): Finding[] {
  const files = workspace(folder);
  const path = `/ws/${file}`;
  const text = files[path];
  assert.ok(text !== undefined, `fixture ${folder}/${file}`);
  // every rule on, at its default severity or warning when it is off by default
  const config = {
    rules: Object.fromEntries(
      composeRules.map((r) => [r.meta.id, { severity: r.meta.defaultSeverity === "off" ? ("off" as const) : r.meta.defaultSeverity }]),
    ),
  };
  return lint({ path, text, fs: memoryFs(files), config, throwOnRuleError: true }).findings;
}

function has(findings: Finding[], ruleId: string, line?: number): boolean {
  return findings.some((f) => f.ruleId === ruleId && (line === undefined || f.range.start.line + 1 === line));
}

function ids(findings: Finding[]): string {
  return findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join("\n");
}

describe("practice examples: compose", () => {
  it("002 docker-compose.yml: version, literal passwords, published database ports, unpinned pgAdmin", () => {
    const f = lintFixture("stockbook", "docker-compose.yml");
    const msg = ids(f);
    assert.ok(has(f, "compose/no-version-key", 2), msg);
    assert.ok(has(f, "compose/no-literal-secrets", 15), `password in DATABASE_URL\n${msg}`);
    assert.ok(has(f, "compose/no-literal-secrets", 27), `POSTGRES_PASSWORD=password\n${msg}`);
    assert.ok(has(f, "compose/bind-to-localhost", 32), `5432:5432\n${msg}`);
    assert.ok(has(f, "compose/bind-to-localhost", 39), `6379:6379\n${msg}`);
    assert.ok(has(f, "compose/pin-image", 44), `dpage/pgadmin4 without a tag\n${msg}`);
    assert.ok(has(f, "compose/dev-settings-in-base-file"), `Dockerfile.dev and the source mount in the base file\n${msg}`);
    assert.ok(has(f, "compose/healthcheck-missing"), `db and redis without healthchecks\n${msg}`);
    assert.ok(!has(f, "compose/schema") && !has(f, "compose/yaml-syntax"), `valid file, no schema errors\n${msg}`);
  });

  it("002 docker-compose.prod.yml: version, latest image", () => {
    const f = lintFixture("stockbook", "docker-compose.prod.yml");
    assert.ok(has(f, "compose/no-version-key"), ids(f));
    assert.ok(has(f, "compose/pin-image"), ids(f));
    assert.ok(!has(f, "compose/no-literal-secrets"), `only \${VAR} references\n${ids(f)}`);
    assert.ok(!has(f, "compose/schema"), ids(f));
  });

  it("003 compose.db.yml: literal POSTGRES_PASSWORD, pgadmin:latest without a profile", () => {
    const f = lintFixture("recipes", "compose.db.yml");
    assert.ok(has(f, "compose/no-literal-secrets", 7), ids(f));
    assert.ok(has(f, "compose/pin-image", 19), ids(f));
    assert.ok(has(f, "compose/dev-helpers-need-profile"), ids(f));
    assert.ok(!has(f, "compose/healthcheck-missing", 3), `postgres has its healthcheck\n${ids(f)}`);
    assert.ok(!has(f, "compose/schema"), ids(f));
  });

  it("003 compose.proxy.yml: --api.insecure=true and the Docker socket", () => {
    const f = lintFixture("recipes", "compose.proxy.yml");
    assert.ok(has(f, "compose/insecure-dashboard", 6), ids(f));
    assert.ok(has(f, "compose/docker-socket-mount", 16), ids(f));
    assert.ok(!has(f, "compose/pin-image"), `traefik:v2.11 is pinned\n${ids(f)}`);
  });

  it("003 compose.observability.yml: *:latest images", () => {
    const f = lintFixture("recipes", "compose.observability.yml");
    assert.ok(has(f, "compose/pin-image", 4), ids(f));
    assert.ok(has(f, "compose/pin-image", 18), ids(f));
    assert.ok(!has(f, "compose/no-literal-secrets"), `the grafana password comes from a secret file\n${ids(f)}`);
    assert.ok(!has(f, "compose/undefined-reference"), ids(f));
  });

  it("003 compose.cache.yml and compose.api.yml: published Redis port, latest image, literal URL password", () => {
    const cache = lintFixture("recipes", "compose.cache.yml");
    assert.ok(has(cache, "compose/bind-to-localhost"), ids(cache));
    const api = lintFixture("recipes", "compose.api.yml");
    assert.ok(has(api, "compose/pin-image"), ids(api));
    assert.ok(has(api, "compose/no-literal-secrets"), ids(api));
    assert.ok(!has(api, "compose/undefined-reference"), `postgres and redis come from the sibling recipes\n${ids(api)}`);
  });

  it("003 compose-dev.yml: dev settings are fine in a dev override", () => {
    const f = lintFixture("recipes", "compose-dev.yml");
    assert.ok(!has(f, "compose/dev-settings-in-base-file"), ids(f));
    assert.ok(!has(f, "compose/restart-policy"), ids(f));
  });

  it("every recipe is valid against the schema", () => {
    for (const name of readdirSync(join(FIXTURES, "recipes"))) {
      const f = lintFixture("recipes", name);
      assert.ok(!has(f, "compose/schema") && !has(f, "compose/yaml-syntax"), `${name}\n${ids(f)}`);
    }
  });

  it("004 Dagster pattern with service_healthy is not flagged", () => {
    const f = lintFixture("dagster", "compose.yml");
    for (const id of [
      "compose/dagster-topology",
      "compose/depends-on-healthy",
      "compose/healthcheck-missing",
      "compose/schema",
      "compose/yaml-syntax",
      "compose/undefined-reference",
      "compose/no-literal-secrets",
    ]) {
      assert.ok(!has(f, id), `${id}\n${ids(f)}`);
    }
  });

  it("004 Dagster pattern: the services' own depends_on replaces the anchor's wait for Postgres (a real pitfall, reported)", () => {
    const f = lintFixture("dagster", "compose.yml");
    assert.ok(has(f, "compose/merge-drops-dependencies", 29) && has(f, "compose/merge-drops-dependencies", 36), ids(f));
  });
});
