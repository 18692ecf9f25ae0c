/** The built CLI (what `npx shipshape` runs), when `npm run build` has produced it. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { cli, removeTemp, REPO_ROOT, tempRepo, type JsonFinding } from "./cliHarness";

const bin = path.join(REPO_ROOT, "bin/shipshape.js");
const bundle = path.join(REPO_ROOT, "dist/cli/main.js");

function run(...args: string[]) {
  return runIn(REPO_ROOT, ...args);
}

function runIn(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("bin/shipshape.js (built bundle)", { skip: fs.existsSync(bundle) ? false : "dist/cli/main.js not built (npm run build)" }, () => {
  it("lint examples --format json prints one array and exits 0 with --exit-zero", () => {
    const r = run("lint", "examples", "--format", "json", "--exit-zero");
    assert.equal(r.status, 0, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(findings.some((f) => f.ruleId === "compose/no-version-key"));
  });
  it("exit code 2 on a usage error", () => {
    const r = run("lint", "--format", "xml");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown format/);
  });
  it("--version", () => {
    const r = run("--version");
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
  it("the precompiled compose-spec validator in the bundle finds what the validator compiled from source finds", async () => {
    assert.match(fs.readFileSync(bundle, "utf8"), /precompiled: ?(true|!0)/, "the bundle carries ajv's standalone code");
    const dir = tempRepo({
      "types/compose.yaml": "services:\n  web:\n    image: 1\n    ports: 80\n    restart: sometimes\n",
      "keys/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    restrt: always\n    healthcheck:\n      intervl: 5s\n",
      "nested/compose.yaml":
        "services:\n  db:\n    image: postgres:17\n    depends_on:\n      web:\n        condition: later\n    deploy:\n      resources:\n        limits:\n          memory: [1]\nvolumes:\n  data:\n    driver: 3\nnetworks: []\n",
      "ok/compose.yaml": 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    });
    try {
      const schemaOnly = (findings: JsonFinding[]) =>
        findings
          .filter((f) => f.ruleId === "compose/schema")
          .map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)
          .sort();
      const bundled = runIn(dir, "lint", ".", "--format", "json", "--exit-zero");
      assert.equal(bundled.status, 0, bundled.stderr);
      const fromSource = await cli(dir, "lint", ".", "--format", "json", "--exit-zero");
      const expected = schemaOnly(JSON.parse(fromSource.stdout) as JsonFinding[]);
      assert.ok(expected.length >= 6, `the fixtures have schema errors: ${expected.join("; ")}`);
      assert.deepEqual(schemaOnly(JSON.parse(bundled.stdout) as JsonFinding[]), expected);
    } finally {
      removeTemp(dir);
    }
  });
});
