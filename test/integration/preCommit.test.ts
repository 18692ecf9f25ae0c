/**
 * The hooks in .pre-commit-hooks.yaml run by pre-commit itself (`pre-commit try-repo`): it installs this
 * repository as a node package the way it does for users (npm install, npm pack, npm install -g of the tarball)
 * and runs each hook on the files given. Needs the `pre-commit` command (Debian: apt-get install pre-commit; CI
 * installs it) and npm's cache or registry; it takes minutes, so it is its own step (`npm run test:pre-commit`),
 * not part of `npm test`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";

const REPO_ROOT = path.resolve(__dirname, "../..");
const available = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-pre-commit-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

describe("pre-commit try-repo", { skip: available ? false : "the pre-commit command is not installed" }, () => {
  const project = path.join(work, "project");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "Dockerfile"), 'FROM python:3.13-slim\nUSER 10001\nCOPY a.py b.py /app\nCMD ["python"]\n');
  fs.writeFileSync(path.join(project, "compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n");
  fs.writeFileSync(path.join(project, "README.md"), "not linted\n");
  git(project, "init", "-q");
  git(project, "add", "-A");
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: path.join(work, "cache"),
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  /** One try-repo run of every hook (one install of the package); its output split per hook. */
  function tryRepo(...files: string[]): { status: number | null; output: string; hooks: Map<string, { result: string; text: string }> } {
    const r = spawnSync("pre-commit", ["try-repo", REPO_ROOT, "--verbose", "--files", ...files], {
      cwd: project,
      env,
      encoding: "utf8",
      timeout: 900_000,
    });
    const output = r.stdout + r.stderr;
    const hooks = new Map<string, { result: string; text: string }>();
    let current: { result: string; text: string } | undefined;
    for (const line of r.stdout.split("\n")) {
      const head = /^- hook id: (\S+)$/.exec(line);
      const status = /\.{3,}(Passed|Failed|\(no files to check\)Skipped)$/.exec(line);
      if (status) current = { result: status[1] as string, text: "" };
      else if (head && current) hooks.set(head[1] as string, current);
      else if (current) current.text += line + "\n";
    }
    return { status: r.status, output, hooks };
  }

  it("installs the package as pre-commit does and runs each hook on the staged files of its kind", () => {
    const r = tryRepo("Dockerfile", "compose.yaml", "README.md");
    assert.equal(r.status, 1, r.output);
    const dockerfile = r.hooks.get("shipshape-dockerfile");
    const compose = r.hooks.get("shipshape-compose");
    const all = r.hooks.get("shipshape");
    assert.equal(dockerfile?.result, "Failed", r.output);
    assert.match(dockerfile?.text ?? "", /dockerfile\/copy-dest-trailing-slash/);
    assert.match(dockerfile?.text ?? "", /in 1 file checked/, "only the Dockerfile was passed");
    assert.equal(compose?.result, "Passed", r.output);
    assert.doesNotMatch(compose?.text ?? "", /copy-dest-trailing-slash/);
    assert.equal(all?.result, "Failed", r.output);
    assert.match(all?.text ?? "", /in 2 files checked/, "Dockerfile and compose.yaml, not README.md");
  });
});
