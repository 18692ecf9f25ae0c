import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allRules } from "../../../server/src/engine/rules";
import { VERSION } from "../../../server/src/cli/run";
import { cli, REPO_ROOT } from "./cliHarness";

describe("shipshape rules", () => {
  it("--json prints one array of {id, category, defaultSeverity, fixable, summary, equivalents} for every rule", async () => {
    const r = await cli(REPO_ROOT, "rules", "--json");
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(rules));
    assert.deepEqual(
      rules.map((x) => x.id),
      allRules.map((x) => x.meta.id),
    );
    for (const rule of rules) {
      assert.deepEqual(Object.keys(rule).sort(), ["category", "defaultSeverity", "equivalents", "fixable", "id", "summary"]);
      assert.ok(Array.isArray(rule.equivalents));
      for (const e of rule.equivalents as string[]) assert.match(e, /^[a-z]+:[A-Za-z0-9_.-]+$/);
    }
    const version = rules.find((x) => x.id === "compose/no-version-key");
    assert.deepEqual(version?.equivalents, ["dclint:no-version-field"]);
  });

  it("without --json prints a table", async () => {
    const r = await cli(REPO_ROOT, "rules");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^rule\s+category\s+default\s+fix\s+summary$/m);
    assert.match(r.stdout, /^dockerfile\/maintainer-deprecated\s+maintainability\s+warning\s+yes\s+/m);
  });

  it("rejects unknown options with 2", async () => {
    const r = await cli(REPO_ROOT, "rules", "--yaml");
    assert.equal(r.code, 2);
  });
});

describe("help and version", () => {
  it("--version prints the package version", async () => {
    const r = await cli(REPO_ROOT, "--version");
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${VERSION}\n`);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });
  it("--help lists the commands and exit codes", async () => {
    const r = await cli(REPO_ROOT, "--help");
    assert.equal(r.code, 0);
    for (const word of ["lint", "rules", "init", "--format", "--fix", "--exit-zero", "Exit codes"])
      assert.ok(r.stdout.includes(word), word);
  });
  it("init is dispatched to the generators (whatever they answer, it is not an unknown command)", async () => {
    const r = await cli(REPO_ROOT, "init", "--help");
    assert.doesNotMatch(r.stderr, /unknown command/);
  });
});
