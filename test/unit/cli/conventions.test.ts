import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../../../server/src/cli/run";
import { cli, removeTemp, tempRepo, type CliRun, type JsonFinding } from "./cliHarness";

const DOCKERFILE = 'FROM python:3.13-slim\nMAINTAINER someone@example.com\nRUN cd /app\nCMD ["python", "-m", "app"]\n';
const temps: string[] = [];
after(() => temps.forEach(removeTemp));
function repo(files: Record<string, string>): string {
  const dir = tempRepo(files);
  temps.push(dir);
  return dir;
}
const ids = (r: CliRun) => (JSON.parse(r.stdout) as JsonFinding[]).map((f) => `${f.ruleId}:${f.severity}`).sort();

async function withStdin(cwd: string, input: string, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  let reads = 0;
  const code = await runCli(argv, {
    cwd,
    isTTY: false,
    env: {},
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdin: () => (reads++, Promise.resolve(input)),
  });
  assert.ok(reads <= 1);
  return { code, stdout, stderr };
}

describe("shipshape lint - (standard input)", () => {
  it("lints stdin as the --stdin-filename file, with the same findings as the file on disk", async () => {
    const dir = repo({ "svc/Dockerfile": DOCKERFILE });
    const fromDisk = await cli(dir, "lint", "svc/Dockerfile", "-f", "json");
    const fromStdin = await withStdin(dir, DOCKERFILE, "lint", "-", "--stdin-filename", "svc/Dockerfile", "-f", "json");
    assert.equal(fromStdin.code, fromDisk.code);
    assert.deepEqual(JSON.parse(fromStdin.stdout), JSON.parse(fromDisk.stdout));
    assert.ok(ids(fromStdin).includes("dockerfile/maintainer-deprecated:warning"));
  });

  it("the file name decides the kind: compose from stdin; default Dockerfile; a name Shipshape does not lint is a usage error", async () => {
    const dir = repo({});
    const compose = await withStdin(
      dir,
      'version: "3"\nservices:\n  a:\n    image: nginx:1.27\n',
      "lint",
      "-",
      "--stdin-filename=compose.yaml",
      "-f",
      "json",
    );
    assert.ok(ids(compose).includes("compose/no-version-key:warning"));
    const plain = await withStdin(dir, DOCKERFILE, "lint", "-", "-f", "json");
    assert.ok(ids(plain).includes("dockerfile/maintainer-deprecated:warning"));
    const bad = await withStdin(dir, DOCKERFILE, "lint", "-", "--stdin-filename", "notes.txt");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /notes\.txt: not a Dockerfile/);
  });

  it("--fix, other paths and --write-baseline do not mix with stdin; nothing is written", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE });
    for (const extra of [["--fix"], ["Dockerfile"], ["--write-baseline"]]) {
      const r = await withStdin(dir, DOCKERFILE, "lint", "-", ...extra);
      assert.equal(r.code, 2, extra.join(" "));
    }
    assert.equal(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8"), DOCKERFILE);
    assert.ok(!fs.existsSync(path.join(dir, ".shipshape-baseline.json")));
  });
});

describe("--rule, --ignore", () => {
  it("--rule ID=severity raises and lowers, --ignore turns off; both win over .shipshape.json", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE, ".shipshape.json": '{"rules":{"dockerfile/workdir-instead-of-cd":"off"}}' });
    const base = ids(await cli(dir, "lint", "-f", "json"));
    assert.ok(base.includes("dockerfile/maintainer-deprecated:warning"));
    assert.ok(!base.some((x) => x.startsWith("dockerfile/workdir-instead-of-cd")));
    const r = await cli(
      dir,
      "lint",
      "-f",
      "json",
      "--rule",
      "dockerfile/maintainer-deprecated=error",
      "--rule=dockerfile/workdir-instead-of-cd=hint",
      "--ignore",
      "dockerfile/non-root-user",
    );
    const got = ids(r);
    assert.ok(got.includes("dockerfile/maintainer-deprecated:error"));
    assert.ok(got.includes("dockerfile/workdir-instead-of-cd:hint"));
    assert.ok(!got.some((x) => x.startsWith("dockerfile/non-root-user")));
    assert.equal(r.code, 1, "an error now remains");
  });

  it("accepts hadolint and dclint ids through the rules' equivalents", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE });
    const got = ids(await cli(dir, "lint", "-f", "json", "--ignore", "DL4000,DL3003", "--rule", "hadolint:DL3002=error"));
    assert.ok(!got.some((x) => x.startsWith("dockerfile/maintainer-deprecated") || x.startsWith("dockerfile/workdir-instead-of-cd")));
    assert.ok(got.includes("dockerfile/non-root-user:error"));
  });

  it("unknown ids and severities are usage errors", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE });
    for (const argv of [
      ["--ignore", "DL9999"],
      ["--rule", "dockerfile/nope=error"],
      ["--rule", "dockerfile/non-root-user=loud"],
      ["--rule", "x"],
    ]) {
      const r = await cli(dir, "lint", ...argv);
      assert.equal(r.code, 2, argv.join(" "));
    }
  });
});

describe("--failure-threshold, --quiet", () => {
  const only = JSON.stringify({ rules: { "dockerfile/non-root-user": "off", "dockerfile/workdir-instead-of-cd": "info" } });
  it("exit 1 only when a finding at the threshold or above remains; hadolint's names work", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE, ".shipshape.json": only });
    const code = async (...a: string[]) => (await cli(dir, "lint", ...a)).code;
    assert.equal(await code(), 0, "default threshold error: warnings pass");
    assert.equal(await code("--failure-threshold", "warning"), 1);
    assert.equal(await code("-t", "info"), 1);
    assert.equal(await code("-t", "style"), 1);
    assert.equal(await code("-t", "none", "--rule", "dockerfile/maintainer-deprecated=error"), 0);
    assert.equal(await code("-t", "ignore", "--rule", "dockerfile/maintainer-deprecated=error"), 0);
    assert.equal((await cli(dir, "lint", "-t", "loud")).code, 2);
  });

  it("failureThreshold in .shipshape.json, overridden by the flag", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE, ".shipshape.json": JSON.stringify({ ...JSON.parse(only), failureThreshold: "warning" }) });
    assert.equal((await cli(dir, "lint")).code, 1);
    assert.equal((await cli(dir, "lint", "-t", "error")).code, 0);
  });

  it("--quiet reports errors only (and warnings do not fail it)", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE, ".shipshape.json": only });
    const q = await cli(dir, "lint", "--quiet", "-f", "json", "-t", "warning");
    assert.deepEqual(JSON.parse(q.stdout), []);
    assert.equal(q.code, 0);
    const e = await cli(dir, "lint", "-q", "-f", "json", "--rule", "dockerfile/maintainer-deprecated=error");
    assert.deepEqual(ids(e), ["dockerfile/maintainer-deprecated:error"]);
    assert.equal(e.code, 1);
  });
});
