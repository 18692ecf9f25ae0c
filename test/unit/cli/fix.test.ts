import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { cli, removeTemp, REPO_ROOT, tempRepo, type JsonFinding } from "./cliHarness";

const temps: string[] = [];
after(() => temps.forEach(removeTemp));

function copyExamples(): string {
  const dir = tempRepo({});
  temps.push(dir);
  fs.cpSync(path.join(REPO_ROOT, "examples"), path.join(dir, "examples"), { recursive: true });
  return dir;
}

async function findings(dir: string): Promise<JsonFinding[]> {
  const r = await cli(dir, "lint", "examples", "-f", "json", "--exit-zero");
  assert.equal(r.stderr, "", "no rule crashed");
  return JSON.parse(r.stdout) as JsonFinding[];
}

describe("shipshape lint --fix", () => {
  it("applies the safe fixes to the examples and reports only what remains", async () => {
    const dir = copyExamples();
    const before = await findings(dir);
    const fixable = before.filter((f) => f.fixable);
    assert.ok(fixable.length >= 3, "the examples have safe fixes");

    const r = await cli(dir, "lint", "examples", "--fix", "-f", "json", "--exit-zero");
    assert.match(r.stderr, /^fixed examples\/fastapi-app\/compose\.yml \(\d+ fix(es)?\)$/m);
    const reported = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(reported.length < before.length, `${reported.length} findings after --fix, ${before.length} before`);
    assert.deepEqual(reported, await findings(dir), "what --fix reports is what a fresh lint finds");
    assert.ok(!reported.some((f) => f.ruleId === "compose/no-version-key"));
    assert.ok(!reported.some((f) => f.ruleId === "dockerfile/maintainer-deprecated"));

    const compose = fs.readFileSync(path.join(dir, "examples/fastapi-app/compose.yml"), "utf8");
    assert.doesNotMatch(compose, /^version:/m);
    assert.match(compose, /^services:/m);
    const dockerfile = fs.readFileSync(path.join(dir, "examples/fastapi-app/Dockerfile"), "utf8");
    assert.doesNotMatch(dockerfile, /^MAINTAINER/m);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const dir = copyExamples();
    await cli(dir, "lint", "examples", "--fix", "--exit-zero");
    const snapshot = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
    const files = ["examples/fastapi-app/compose.yml", "examples/fastapi-app/Dockerfile", "examples/dagster-stack/compose.yml"];
    const first = files.map(snapshot);
    const r = await cli(dir, "lint", "examples", "--fix", "--exit-zero");
    assert.doesNotMatch(r.stderr, /^fixed /m);
    assert.deepEqual(files.map(snapshot), first);
  });

  it("keeps CRLF line breaks and the byte-order mark", async () => {
    const dir = tempRepo({});
    temps.push(dir);
    const file = path.join(dir, "Dockerfile");
    fs.writeFileSync(file, '\uFEFFFROM python:3.13-slim\r\nMAINTAINER Ops <ops@example.com>\r\nCMD ["python"]\r\n');
    await cli(dir, "lint", "--fix", "--exit-zero");
    const after = fs.readFileSync(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = after.toString("utf8", 3);
    assert.doesNotMatch(text, /MAINTAINER/);
    assert.doesNotMatch(text.replace(/\r\n/g, ""), /\n/, "no bare LF introduced");
  });

  it("without --fix nothing is written", async () => {
    const dir = copyExamples();
    const file = path.join(dir, "examples/fastapi-app/compose.yml");
    const before = fs.readFileSync(file, "utf8");
    await cli(dir, "lint", "examples", "--exit-zero");
    assert.equal(fs.readFileSync(file, "utf8"), before);
  });
});
