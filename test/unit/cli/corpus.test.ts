import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { formatSample, main, runCorpus, sampleFindings, scoreSample, type CorpusFinding } from "../../../scripts/corpus";
import { cli } from "./cliHarness";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-corpus-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

// two repositories (each with a .git folder) and a template that discovery leaves out
fs.mkdirSync(path.join(root, "alpha/.git"), { recursive: true });
fs.mkdirSync(path.join(root, "beta/.git"), { recursive: true });
write("alpha/Dockerfile", 'FROM python:3.13-slim\nMAINTAINER someone@example.com\nCMD ["python", "-m", "app"]\n');
write("alpha/Dockerfile.template", "FROM python:{{ version }}-slim\n");
write("beta/compose.yml", 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27-alpine\n');

describe("npm run corpus", () => {
  const result = runCorpus(root);

  it("lints each repository exactly as `shipshape lint` run in it does", async () => {
    assert.deepEqual(
      result.repos.map((r) => [r.name, r.files, r.skippedTemplates]),
      [
        ["alpha", 1, 1],
        ["beta", 1, 0],
      ],
    );
    for (const repo of ["alpha", "beta"]) {
      const direct = await cli(path.join(root, repo), "lint", "-f", "json", "--exit-zero");
      const expected = (JSON.parse(direct.stdout) as { ruleId: string; line: number }[]).map((f) => `${f.ruleId}@${f.line}`).sort();
      const got = result.findings
        .filter((f) => f.repo === repo)
        .map((f) => `${f.ruleId}@${f.line}`)
        .sort();
      assert.deepEqual(got, expected, repo);
    }
  });

  it("counts per rule, per severity and per repository add up", () => {
    const n = result.findings.length;
    assert.ok(n > 0);
    assert.equal(
      result.rules.reduce((s, r) => s + r.total, 0),
      n,
    );
    assert.equal(
      Object.values(result.totals).reduce((s, v) => s + v, 0),
      n,
    );
    assert.equal(
      result.repos.reduce((s, r) => s + Object.values(r.counts).reduce((a, b) => a + b, 0), 0),
      n,
    );
    assert.ok(result.rules.some((r) => r.ruleId === "dockerfile/maintainer-deprecated" && r.repos === 1));
    assert.ok(result.rules.some((r) => r.ruleId === "compose/no-version-key"));
  });

  it("prints a table or JSON, and the time taken", () => {
    let table = "";
    assert.equal(
      main([root], (s) => (table += s)),
      0,
    );
    assert.match(table, /^Findings per rule$/m);
    assert.match(table, /^Findings per severity$/m);
    assert.match(table, /^Findings per repository$/m);
    assert.match(table, /^2 repositories, 2 files, \d+ findings in \d+\.\d s$/m);
    let json = "";
    main([root, "--json"], (s) => (json += s));
    const parsed = JSON.parse(json) as { repos: unknown[]; rules: unknown[]; totals: Record<string, number>; ms: number };
    assert.equal(parsed.repos.length, 2);
    assert.ok(parsed.rules.length > 0 && typeof parsed.ms === "number" && typeof parsed.totals.warning === "number");
  });
});

describe("corpus sample and score", () => {
  const findings: CorpusFinding[] = [];
  for (let i = 0; i < 40; i++) {
    findings.push({
      repo: "r",
      file: `f${i}`,
      line: i + 1,
      column: 1,
      ruleId: `rule/${i % 5}`,
      severity: i % 7 === 0 ? "info" : i % 3 === 0 ? "error" : "warning",
      message: "m | with a pipe",
    });
  }

  it("is reproducible from its seed, represents every rule, and leaves info findings out", () => {
    const a = sampleFindings(findings, 12, 7);
    assert.deepEqual(sampleFindings(findings, 12, 7), a);
    assert.notDeepEqual(sampleFindings(findings, 12, 8), a);
    assert.equal(a.length, 12);
    assert.equal(new Set(a.map((f) => f.ruleId)).size, 5);
    assert.ok(a.every((f) => f.severity !== "info"));
    assert.equal(new Set(a.map((f) => f.file)).size, 12, "no finding twice");
    assert.equal(sampleFindings(findings, 1000, 7).length, findings.filter((f) => f.severity !== "info").length);
  });

  it("scores a judged table: overall, per severity and per rule; only the named sample", () => {
    const table = formatSample(sampleFindings(findings, 6, 3));
    assert.ok(table.includes("m \\| with a pipe"), "pipes in messages are escaped");
    const rows = table.trimEnd().split("\n");
    const judged = rows.map((r, i) => (i < 2 ? r : r.replace("|  |", i % 2 ? "| FA |" : "| ok |"))).join("\n");
    const doc = `<!-- sample: before -->\n${judged}\n<!-- sample: after -->\n${rows.map((r, i) => (i < 2 ? r : r.replace("|  |", "| ok |"))).join("\n")}\n`;
    const before = scoreSample(doc, "before");
    assert.equal(before.overall.judged, 6);
    assert.equal(before.overall.falseAlarms, 3);
    assert.equal(
      [...before.byRule.values()].reduce((s, v) => s + v.judged, 0),
      6,
    );
    assert.equal(
      Object.values(before.bySeverity).reduce((s, v) => s + v.falseAlarms, 0),
      3,
    );
    assert.equal(scoreSample(doc, "after").overall.falseAlarms, 0);
    assert.equal(scoreSample(doc).overall.judged, 12);
  });
});
