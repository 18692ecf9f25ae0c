import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { BaselineMatcher, createBaseline, findingFingerprint, parseBaseline } from "../../../server/src/engine/baseline";
import type { Finding } from "../../../server/src/engine/types";
import { cli, removeTemp, tempRepo, type JsonFinding } from "./cliHarness";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER someone@example.com\nRUN cd /app\nCMD ["python", "-m", "app"]\n';
const temps: string[] = [];
after(() => temps.forEach(removeTemp));
function repo(files: Record<string, string>): string {
  const dir = tempRepo(files);
  temps.push(dir);
  return dir;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonFinding[];

describe("shipshape lint --write-baseline", () => {
  it("records today's findings; the next run reports none and passes, even at a strict threshold", async () => {
    const dir = repo({ "app/Dockerfile": DOCKERFILE, "compose.yml": 'version: "3"\nservices:\n  a:\n    image: nginx:1.27\n' });
    const before = json((await cli(dir, "lint", "-f", "json")).stdout);
    assert.ok(before.length >= 3);
    const w = await cli(dir, "lint", "--write-baseline", "-f", "json");
    assert.equal(w.code, 0);
    assert.match(w.stderr, new RegExp(`wrote ${before.length} findings to \\.shipshape-baseline\\.json`));
    const file = JSON.parse(fs.readFileSync(path.join(dir, ".shipshape-baseline.json"), "utf8")) as {
      version: number;
      findings: { rule: string; file: string; fingerprint: string }[];
    };
    assert.equal(file.version, 1);
    assert.deepEqual(file.findings.map((f) => f.file).sort(), before.map((f) => f.file).sort());
    const after = await cli(dir, "lint", "-f", "json", "-t", "hint");
    assert.deepEqual(json(after.stdout), []);
    assert.equal(after.code, 0);
    assert.match(after.stderr, new RegExp(`${before.length} known findings in \\.shipshape-baseline\\.json not shown`));
    assert.equal(json((await cli(dir, "lint", "-f", "json", "--no-baseline")).stdout).length, before.length);
  });

  it("survives lines added above; a new finding (and an edited flagged line) is reported and fails", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE });
    await cli(dir, "lint", "--write-baseline");
    const shifted = "# a comment\n# another\n" + DOCKERFILE.replace("RUN cd /app", "RUN cd /app\nRUN cd /srv");
    fs.writeFileSync(path.join(dir, "Dockerfile"), shifted);
    const r = await cli(dir, "lint", "-f", "json", "--rule", "dockerfile/workdir-instead-of-cd=error");
    const found = json(r.stdout);
    assert.ok(
      found.every((f) => f.line === 6),
      `only findings on the new line are reported: ${found.map((f) => `${f.ruleId}@${f.line}`).join(", ")}`,
    );
    assert.ok(found.some((f) => f.ruleId === "dockerfile/workdir-instead-of-cd" && f.severity === "error"));
    assert.equal(r.code, 1);
    fs.writeFileSync(path.join(dir, "Dockerfile"), DOCKERFILE.replace("MAINTAINER someone@example.com", "MAINTAINER other@example.com"));
    const edited = json((await cli(dir, "lint", "-f", "json")).stdout);
    assert.deepEqual(
      edited.map((f) => f.ruleId),
      ["dockerfile/maintainer-deprecated"],
    );
  });

  it("--baseline FILE: written and read there, paths relative to its folder; a missing or broken one is a usage error", async () => {
    const dir = repo({ "svc/Dockerfile": DOCKERFILE });
    assert.equal((await cli(dir, "lint", "--baseline", "ci/base.json")).code, 2);
    fs.mkdirSync(path.join(dir, "ci"));
    await cli(dir, "lint", "--write-baseline", "--baseline", "ci/base.json");
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, "ci/base.json"), "utf8")) as { findings: { file: string }[] };
    assert.ok(parsed.findings.every((f) => f.file === "../svc/Dockerfile"));
    assert.deepEqual(json((await cli(dir, "lint", "-f", "json", "--baseline=ci/base.json")).stdout), []);
    fs.writeFileSync(path.join(dir, ".shipshape-baseline.json"), "{ not json");
    const broken = await cli(dir, "lint");
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /invalid baseline \.shipshape-baseline\.json/);
  });
});

describe("baseline matching (engine)", () => {
  const finding = (line: number, start: number, end: number): Finding => ({
    ruleId: "dockerfile/x",
    messageId: "m",
    message: "m",
    severity: "warning",
    category: "reliability",
    range: { start: { line, character: start }, end: { line, character: end } },
    fixes: [],
    file: "/r/Dockerfile",
  });

  it("the fingerprint ignores position and indentation, not content", () => {
    const a = findingFingerprint(finding(0, 4, 8), "RUN cd x\n");
    assert.equal(findingFingerprint(finding(3, 6, 10), "\n\n\n  RUN cd x\n"), a);
    assert.notEqual(findingFingerprint(finding(0, 4, 8), "RUN cd y\n"), a);
    assert.notEqual(findingFingerprint({ ...finding(0, 4, 8), ruleId: "dockerfile/y" }, "RUN cd x\n"), a);
  });

  it("each entry absorbs one finding: two recorded, three present, one reported", () => {
    const text = "RUN cd x\nRUN cd x\nRUN cd x\n";
    const two = [finding(0, 4, 6), finding(1, 4, 6)];
    const baseline = createBaseline([{ path: "/r/Dockerfile", text, findings: two }], "/r");
    const { fresh, known } = new BaselineMatcher(baseline, "/r").split("/r/Dockerfile", text, [...two, finding(2, 4, 6)]);
    assert.equal(known.length, 2);
    assert.equal(fresh.length, 1);
    assert.equal(
      new BaselineMatcher(baseline, "/r").split("/r/other/Dockerfile", text, two).fresh.length,
      2,
      "another file is not covered",
    );
  });

  it("malformed baselines come back as problems, never exceptions", () => {
    for (const bad of ["", "[]", '{"findings": {}}', '{"version": 1, "findings": [{"rule": 1}]}']) {
      assert.ok(parseBaseline(bad).problems.length > 0, bad);
    }
  });
});
