/**
 * One problem, one finding: a .dockerignore that misses the git history, the environment files and the
 * virtualenv gets one finding at 1:1 (naming every missing pattern, one fix adding them all), not three.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../../../../server/src/engine/text";
import { lint } from "../../../../server/src/engine/linter";
import { memoryFs } from "../../../../server/src/engine/workspace";

const run = (text: string, rules: Record<string, "off"> = {}) =>
  lint({
    path: "/p/.dockerignore",
    text,
    kind: "dockerignore",
    fs: memoryFs({ "/p/.dockerignore": text, "/p/pyproject.toml": "[project]\nname = 'x'\n", "/p/.git/HEAD": "ref: refs/heads/main\n" }),
    config: { rules },
  }).findings.filter((f) => f.ruleId.startsWith("dockerignore/exclude-"));

describe("dockerignore/exclude-* as one finding", () => {
  it("everything missing: one finding naming .git, .env and .venv; its fix leaves nothing to report", () => {
    const findings = run("node_modules\n");
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.ruleId)));
    const [f] = findings;
    assert.equal(f?.ruleId, "dockerignore/exclude-git");
    assert.match(f?.message ?? "", /the git history, environment files and the local virtualenv/);
    assert.match(f?.message ?? "", /`\.git`.*`\.env`.*`\.venv`/);
    const fixed = applyEdits("node_modules\n", f?.fixes[0]?.edits ?? []);
    assert.deepEqual(run(fixed), []);
  });

  it("a rule turned off is not reported through another; the next one leads", () => {
    const findings = run("node_modules\n", { "dockerignore/exclude-git": "off" });
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ["dockerignore/exclude-env-files"],
    );
    assert.doesNotMatch(findings[0]?.message ?? "", /\.git/);
    assert.match(findings[0]?.message ?? "", /\.venv/);
  });

  it("only one thing missing: that rule reports it alone", () => {
    const findings = run(".git\n.env\n.env.*\n!.env.example\n");
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ["dockerignore/exclude-virtualenv"],
    );
  });
});
