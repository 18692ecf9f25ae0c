import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { allRules } from "../../../server/src/engine/rules";
import { cli, REPO_ROOT } from "./cliHarness";

describe("shipshape explain", () => {
  it("prints the rule's page for the terminal: summary, why, examples, how to configure; no Markdown fences", async () => {
    const r = await cli(REPO_ROOT, "explain", "dockerfile/maintainer-deprecated");
    assert.equal(r.code, 0);
    const meta = allRules.find((x) => x.meta.id === "dockerfile/maintainer-deprecated")?.meta;
    assert.ok(meta);
    assert.match(r.stdout, /^dockerfile\/maintainer-deprecated\n=+\n/);
    assert.ok(r.stdout.includes(meta.summary));
    assert.match(r.stdout, /^Why$/m);
    assert.match(r.stdout, /^ {4}MAINTAINER /m, "examples indented as code");
    assert.doesNotMatch(r.stdout, /```|^#/m);
    assert.ok(r.stdout.includes("docs/rules/dockerfile/maintainer-deprecated.md"));
  });

  it("--markdown prints the generated docs page (its prose line for line; Prettier only pads tables and requotes code)", async () => {
    const r = await cli(REPO_ROOT, "explain", "compose/no-version-key", "--markdown");
    const page = fs.readFileSync(path.join(REPO_ROOT, "docs/rules/compose/no-version-key.md"), "utf8");
    const out = new Set(r.stdout.split("\n"));
    let inCode = false;
    for (const line of page.split("\n")) {
      if (line.startsWith("```")) inCode = !inCode;
      if (!inCode && !line.startsWith("|")) assert.ok(out.has(line), `missing: ${line}`);
    }
  });

  it("a hadolint or dclint id explains the rule that covers it; an unknown id is a usage error with a suggestion", async () => {
    assert.match((await cli(REPO_ROOT, "explain", "DL4000")).stdout, /^dockerfile\/maintainer-deprecated$/m);
    assert.match((await cli(REPO_ROOT, "explain", "no-version-field")).stdout, /^compose\/no-version-key$/m);
    const bad = await cli(REPO_ROOT, "explain", "maintainer");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /did you mean dockerfile\/maintainer-deprecated/);
    assert.equal((await cli(REPO_ROOT, "explain")).code, 2);
  });
});

describe("shipshape rules --format markdown", () => {
  it("a Markdown table with one row per rule, linking each rule page", async () => {
    const r = await cli(REPO_ROOT, "rules", "--format", "markdown");
    assert.equal(r.code, 0);
    const rows = r.stdout.split("\n").filter((l) => l.startsWith("| ["));
    assert.equal(rows.length, allRules.length);
    assert.match(r.stdout, /^\| Rule \| Category \| Default \| Fix \| Covers \|$/m);
    assert.ok(rows[0]?.includes(`(https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/${allRules[0]?.meta.id}.md)`));
    assert.equal((await cli(REPO_ROOT, "rules", "--format", "yaml")).code, 2);
    assert.deepEqual(
      JSON.parse((await cli(REPO_ROOT, "rules", "--format=json")).stdout),
      JSON.parse((await cli(REPO_ROOT, "rules", "--json")).stdout),
    );
  });
});
