import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { cli, removeTemp, REPO_ROOT, tempRepo, type JsonFinding } from "./cliHarness";
import { sarifProblems } from "./sarifValidator";

/**
 * A CI gate must not pass on files that were never read: every path the CLI could not read is named with the
 * real reason, the rest is still linted, and the exit code is 2 (also in JSON and SARIF).
 */
const DOCKERFILE = "FROM python:3.13-slim\nMAINTAINER someone@example.com\n";

const temps: string[] = [];
after(() => {
  for (const t of temps) {
    // restore permissions so the folder can be removed
    spawnSync("chmod", ["-R", "u+rwx", t]);
    removeTemp(t);
  }
});
/** dist/cli/main.js (built first if missing), copied into a fresh folder readable by every user. */
function readableBundleCopy(): string[] {
  const bundle = path.join(REPO_ROOT, "dist/cli/main.js");
  if (!fs.existsSync(bundle)) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-cli-bundle-"));
  temps.push(dir);
  fs.chmodSync(dir, 0o755);
  const copy = path.join(dir, "main.js");
  fs.copyFileSync(bundle, copy);
  fs.chmodSync(copy, 0o644);
  return [copy];
}

function repo(files: Record<string, string>): string {
  const dir = tempRepo(files);
  temps.push(dir);
  return dir;
}

describe("CLI: paths it could not read", () => {
  it("a FIFO named on the command line or found while walking: named, the rest linted, exit 2, in JSON and SARIF", async () => {
    const dir = repo({ "ok/Dockerfile": DOCKERFILE });
    fs.mkdirSync(path.join(dir, "sub"));
    execFileSync("mkfifo", [path.join(dir, "sub", "Dockerfile")]);

    const named = await cli(dir, "lint", "sub/Dockerfile", "ok/Dockerfile", "-f", "json");
    assert.equal(named.code, 2, named.stderr);
    assert.match(named.stderr, /could not read sub\/Dockerfile: it is a FIFO \(named pipe\), not a regular file or folder/);
    const findings = JSON.parse(named.stdout) as JsonFinding[];
    assert.ok(
      findings.some((f) => f.file === "ok/Dockerfile" && f.ruleId === "dockerfile/maintainer-deprecated"),
      "the readable file is linted",
    );
    const entry = findings.find((f) => f.file === "sub/Dockerfile");
    assert.equal(entry?.ruleId, "shipshape/path-unreadable");
    assert.equal(entry?.severity, "error");
    assert.match(entry?.message ?? "", /FIFO/);

    // --exit-zero does not hide it; walking finds it too
    const walked = await cli(dir, "lint", ".", "--exit-zero");
    assert.equal(walked.code, 2);
    assert.match(walked.stdout, /Could not read:\n\s+error\s+sub\/Dockerfile: it is a FIFO \(named pipe\), not a regular file/);
    assert.match(walked.stdout, /ok\/Dockerfile/);
    assert.match(walked.stdout, /1 path could not be read/);

    // named and found while walking: reported once
    const both = await cli(dir, "lint", "sub/Dockerfile", ".", "-f", "json");
    assert.equal(both.code, 2);
    assert.equal((both.stderr.match(/could not read sub\/Dockerfile/g) ?? []).length, 1, both.stderr);
    assert.doesNotMatch(walked.stdout, /No problems in 0 files/);

    const sarif = await cli(dir, "lint", "sub/Dockerfile", "ok/Dockerfile", "-f", "sarif");
    assert.equal(sarif.code, 2);
    assert.deepEqual(sarifProblems(JSON.parse(sarif.stdout)), [], "valid SARIF 2.1.0");
    const run = (JSON.parse(sarif.stdout) as { runs: { invocations?: unknown[]; results: { ruleId: string }[] }[] }).runs[0];
    assert.ok(run?.results.some((r) => r.ruleId === "dockerfile/maintainer-deprecated"));
    assert.deepEqual(run?.invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: "Shipshape could not read this path: it is a FIFO (named pipe), not a regular file or folder." },
            locations: [{ physicalLocation: { artifactLocation: { uri: "sub/Dockerfile", uriBaseId: "%SRCROOT%" } } }],
          },
        ],
      },
    ]);
  });

  it("a path that does not exist is named and the rest is still linted (exit 2)", async () => {
    const dir = repo({ Dockerfile: DOCKERFILE });
    const r = await cli(dir, "lint", "nope/Dockerfile", "Dockerfile", "-f", "json");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /could not read nope\/Dockerfile: no such file or folder \(ENOENT\)/);
    assert.ok(
      (JSON.parse(r.stdout) as JsonFinding[]).some((f) => f.file === "Dockerfile" && f.ruleId === "dockerfile/maintainer-deprecated"),
    );
  });

  it("permission denied on a walked folder and on a named file: the real reason, the readable files linted, exit 2", () => {
    const dir = repo({ "ok/Dockerfile": DOCKERFILE, "locked/Dockerfile": DOCKERFILE, "secret.Dockerfile": DOCKERFILE });
    fs.chmodSync(path.join(dir, "locked"), 0o000);
    fs.chmodSync(path.join(dir, "secret.Dockerfile"), 0o000);
    // the user running the CLI must not be able to read them: root can read anything, so as root the CLI
    // runs as `nobody` (setpriv, util-linux); without a way to drop privileges this test fails, never passes
    const root = process.getuid?.() === 0;
    if (root) {
      fs.chmodSync(dir, 0o755);
      for (const f of ["ok", "ok/Dockerfile"]) fs.chmodSync(path.join(dir, f), f.endsWith("Dockerfile") ? 0o644 : 0o755);
    }
    // `nobody` may not be able to read this checkout (a clone inside a 0700 folder): as root, run the self-contained
    // CLI bundle from a copy in a folder everyone can read
    const cliEntry = root ? readableBundleCopy() : ["--import", "tsx", "server/src/cli/main.ts"];
    const run = (...args: string[]) => {
      const command = [process.execPath, ...cliEntry, "lint", ...args, "-f", "json"];
      const r = root
        ? spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ...command], { cwd: REPO_ROOT, encoding: "utf8" })
        : spawnSync(command[0] as string, command.slice(1), { cwd: REPO_ROOT, encoding: "utf8" });
      assert.ok(!r.error, `could not run the CLI as an unprivileged user: ${String(r.error)}`);
      return r;
    };
    const rel = (p: string) => path.relative(REPO_ROOT, path.join(dir, p)).split(path.sep).join("/");

    const walked = run(dir);
    assert.equal(walked.status, 2, walked.stderr);
    assert.match(
      walked.stderr,
      new RegExp(`could not read ${rel("locked")}: the folder could not be listed: permission denied \\(EACCES\\)`),
    );
    assert.match(walked.stderr, new RegExp(`could not read ${rel("secret.Dockerfile")}: permission denied \\(EACCES\\)`));
    const findings = JSON.parse(walked.stdout) as JsonFinding[];
    assert.ok(findings.some((f) => f.file === rel("ok/Dockerfile") && f.ruleId === "dockerfile/maintainer-deprecated"));
    assert.deepEqual(
      findings
        .filter((f) => f.ruleId === "shipshape/path-unreadable")
        .map((f) => f.file)
        .sort(),
      [rel("locked"), rel("secret.Dockerfile")],
    );

    // named on the command line: a locked file (not "no such file") and a folder that cannot be listed
    const named = run(path.join(dir, "secret.Dockerfile"), path.join(dir, "locked"), path.join(dir, "ok", "Dockerfile"));
    assert.equal(named.status, 2, named.stderr);
    assert.match(named.stderr, new RegExp(`could not read ${rel("secret.Dockerfile")}: permission denied \\(EACCES\\)`));
    assert.match(
      named.stderr,
      new RegExp(`could not read ${rel("locked")}: the folder could not be listed: permission denied \\(EACCES\\)`),
    );
    assert.doesNotMatch(named.stderr, /no such file/);
    assert.ok((JSON.parse(named.stdout) as JsonFinding[]).some((f) => f.ruleId === "dockerfile/maintainer-deprecated"));
  });
});
