/**
 * One file that cannot be checked never stops the others. The Dockerfile parser is made to throw for one file
 * (standing in for any parser bug): the CLI must name that file, lint and fix every other file, and still print
 * its report.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import type { JsonFinding } from "./cliHarness";

// The engine binds dockerfile-ast's parse when its module loads (it keeps recent trees), so the parse is replaced
// before the CLI is imported, and a switch decides whether the poisoned text throws.
let poisoned = false;
const realParse = DockerfileParser.parse.bind(DockerfileParser);
(DockerfileParser as { parse: (text: string) => ReturnType<typeof realParse> }).parse = (text: string) => {
  if (poisoned && text.includes(POISON)) throw new Error("simulated parser bug");
  return realParse(text);
};
const harness = import("./cliHarness");

const POISON = "# parser-explodes-here";
const BROKEN = `FROM python:3.13-slim\n${POISON}\nMAINTAINER someone@example.com\n`;
const GOOD = 'FROM python:3.13-slim\nMAINTAINER someone@example.com\nCMD ["python", "-m", "app"]\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27-alpine\n';

const temps: string[] = [];
after(async () => {
  const { removeTemp } = await harness;
  temps.forEach(removeTemp);
});

async function withThrowingParser<T>(run: () => Promise<T>): Promise<T> {
  poisoned = true;
  try {
    return await run();
  } finally {
    poisoned = false;
  }
}

async function cli(cwd: string, ...argv: string[]) {
  return (await harness).cli(cwd, ...argv);
}
async function repo(files: Record<string, string>): Promise<string> {
  const dir = (await harness).tempRepo(files);
  temps.push(dir);
  return dir;
}

describe("CLI: one file the engine cannot check", () => {
  it("is reported as not checked (internal error) while the other files are linted as usual", async () => {
    const dir = await repo({ "broken/Dockerfile": BROKEN, "good/Dockerfile": GOOD, "compose.yml": COMPOSE });
    const r = await withThrowingParser(() => cli(dir, "lint", ".", "--format", "json", "--exit-zero"));
    assert.equal(r.code, 0, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const broken = findings.filter((f) => f.file === "broken/Dockerfile");
    assert.deepEqual(
      broken.map((f) => f.ruleId),
      ["shipshape/file-skipped"],
      "the broken file gets exactly one finding, and it says the file was not checked",
    );
    assert.match(broken[0]?.message ?? "", /internal error.*simulated parser bug/);
    assert.ok(
      findings.some((f) => f.file === "good/Dockerfile" && f.ruleId === "dockerfile/maintainer-deprecated"),
      "the good Dockerfile is still linted",
    );
    assert.ok(
      findings.some((f) => f.file === "compose.yml" && f.ruleId === "compose/no-version-key"),
      "the compose file is still linted",
    );
    assert.match(r.stderr, /broken\/Dockerfile/, "stderr names the file that was not checked");
  });

  it("--fix still fixes the other files and leaves the broken one as it was", async () => {
    const dir = await repo({ "broken/Dockerfile": BROKEN, "compose.yml": COMPOSE });
    const r = await withThrowingParser(() => cli(dir, "lint", ".", "--fix", "--format", "json", "--exit-zero"));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, "broken/Dockerfile"), "utf8"), BROKEN, "the file that could not be parsed is not touched");
    assert.ok(!readFileSync(join(dir, "compose.yml"), "utf8").includes("version:"), "the compose file's safe fix was applied");
  });

  it("without the failure the same files give real findings for broken/Dockerfile (the test can fail)", async () => {
    const dir = await repo({ "broken/Dockerfile": BROKEN });
    const r = await cli(dir, "lint", ".", "--format", "json", "--exit-zero");
    const rules = (JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.ruleId);
    assert.ok(rules.includes("dockerfile/maintainer-deprecated"));
    assert.ok(!rules.includes("shipshape/file-skipped"));
  });
});
