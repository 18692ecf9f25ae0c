/** The built CLI (what `npx shipshape` runs), when `npm run build` has produced it. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT, type JsonFinding } from "./cliHarness";

const bin = path.join(REPO_ROOT, "bin/shipshape.js");
const bundle = path.join(REPO_ROOT, "dist/cli/main.js");

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: REPO_ROOT,
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
});
