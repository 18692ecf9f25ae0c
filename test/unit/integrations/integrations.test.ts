/**
 * What the repository ships for other tools: the pre-commit hooks, the CI templates and the npm package. Each is
 * exercised the way its consumer uses it: the hooks' file patterns and command line, the templates' exact lint
 * commands, and the packed tarball installed into an empty folder with no network and no other package.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { parseLintArgs } from "../../../server/src/cli/args";
import { VERSION } from "../../../server/src/cli/run";
import { cli, removeTemp, REPO_ROOT, tempRepo } from "../cli/cliHarness";

const BAD_DOCKERFILE = 'FROM python:3.13-slim\nUSER app\nCOPY a.py b.py /app\nCMD ["python"]\n';
const GOOD_DOCKERFILE =
  'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nWORKDIR /app\nCOPY app.py ./\nUSER 10001\nCMD ["python", "app.py"]\n';
const temps: string[] = [];
after(() => temps.forEach(removeTemp));

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}
const hooks = parse(fs.readFileSync(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

/** Builds the CLI bundle when it is missing (a fresh clone runs the build in `npm ci`'s prepare). */
function ensureBundle(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, "dist/cli/main.js"))) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT });
}

describe(".pre-commit-hooks.yaml", () => {
  it("node hooks for everything, Dockerfiles only and compose only, each running `shipshape lint`", () => {
    assert.deepEqual(
      hooks.map((h) => h.id),
      ["shipshape", "shipshape-dockerfile", "shipshape-compose"],
    );
    for (const h of hooks) {
      assert.equal(h.language, "node");
      assert.equal(h.entry, "shipshape lint");
    }
  });

  it("each hook's files pattern picks exactly the files the linter treats as its kind", () => {
    const names = {
      dockerfile: ["Dockerfile", "api/Dockerfile", "Dockerfile.prod", "svc/Dockerfile-dev", "Containerfile", "build/app.dockerfile"],
      compose: ["compose.yaml", "compose.yml", "docker-compose.yml", "deploy/compose.prod.yaml", "docker-compose.override.yml"],
      dockerignore: [".dockerignore", "svc/.dockerignore"],
      none: ["README.md", "src/app.py", "Dockerfiles/readme.txt", "composer.json", "my-compose.yaml", "mydockerfile.txt"],
    };
    // pre-commit matches `files` with Python's re.search; these patterns use only syntax JS reads the same way
    const match = (id: string, name: string) => new RegExp(hooks.find((h) => h.id === id)?.files ?? "^$").test(name);
    for (const n of names.dockerfile)
      assert.ok(match("shipshape", n) && match("shipshape-dockerfile", n) && !match("shipshape-compose", n), n);
    for (const n of names.compose)
      assert.ok(match("shipshape", n) && match("shipshape-compose", n) && !match("shipshape-dockerfile", n), n);
    for (const n of names.dockerignore) assert.ok(match("shipshape", n) && !match("shipshape-dockerfile", n), n);
    for (const n of names.none) assert.ok(!hooks.some((h) => match(h.id, n)), n);
  });

  it("the hook's command line (the installed bin with the staged files) fails on an error finding, passes clean files", () => {
    ensureBundle();
    const dir = tempRepo({
      "bad/Dockerfile": BAD_DOCKERFILE,
      "good/Dockerfile": GOOD_DOCKERFILE,
      "compose.yaml": "services:\n  a:\n    image: nginx:1.27\n",
    });
    temps.push(dir);
    const bin = path.join(REPO_ROOT, "bin/shipshape.js");
    const run = (...files: string[]) => spawnSync(process.execPath, [bin, "lint", ...files], { cwd: dir, encoding: "utf8" });
    const bad = run("bad/Dockerfile", "compose.yaml");
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /bad\/Dockerfile/);
    const good = run("good/Dockerfile");
    assert.equal(good.status, 0, good.stdout + good.stderr);
  });
});

describe("CI templates", () => {
  /** Every `shipshape … lint …` command line in a template, split into arguments after `lint`. */
  function lintCommands(file: string): string[][] {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
    parse(text); // valid YAML
    return [...text.matchAll(/npx --yes shipshape@(\S+) lint([^\n]*)/g)].map((m) => {
      assert.equal(m[1], VERSION, `${file} pins the current version`);
      return (m[2] ?? "").trim().split(/\s+/).filter(Boolean);
    });
  }

  for (const [file, reports] of [
    ["integrations/github/shipshape.yml", ["shipshape.sarif"]],
    ["integrations/gitlab/shipshape.gitlab-ci.yml", ["gl-code-quality-report.json", "shipshape-junit.xml"]],
  ] as const) {
    it(`${file}: its lint commands are valid and write the reports the workflow uploads`, async () => {
      const commands = lintCommands(file);
      assert.ok(commands.length >= 2);
      const dir = tempRepo({ Dockerfile: BAD_DOCKERFILE });
      temps.push(dir);
      const codes: number[] = [];
      for (const argv of commands) {
        parseLintArgs(argv);
        codes.push((await cli(dir, "lint", ...argv)).code);
      }
      for (const r of reports) assert.ok(fs.statSync(path.join(dir, r)).size > 0, r);
      assert.ok(codes.includes(1), "one command gives the verdict");
      const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
      for (const r of reports) assert.ok(text.split(r).length >= 3, `${r} is written and uploaded`);
    });
  }
});

describe("npm package", () => {
  it("npm pack ships the bundles, bins, README, LICENSE and notices only; installed offline into an empty folder, npx shipshape works", () => {
    ensureBundle();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-pack-"));
    temps.push(work);
    const npm = (args: string[], cwd: string) =>
      execFileSync("npm", args, {
        cwd,
        encoding: "utf8",
        env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
      });
    const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], REPO_ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = (packed[0]?.files ?? []).map((f) => f.path).sort();
    const allowed =
      /^(LICENSE|README\.md|package\.json|bin\/shipshape(-language-server)?\.js|dist\/(cli\/main|server\/server|server\/yamlService)\.js|dist\/.*\.LEGAL\.txt|server\/schemas\/NOTICE\.md)$/;
    assert.deepEqual(
      files.filter((f) => !allowed.test(f)),
      [],
      "nothing but the allow-list",
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      dependencies?: object;
    };
    for (const target of Object.values(pkg.bin)) assert.ok(files.includes(target.replace(/^\.\//, "")), `bin ${target} is packed`);
    for (const f of ["dist/cli/main.js", "dist/server/server.js", "README.md", "LICENSE"]) assert.ok(files.includes(f), f);

    const project = path.join(work, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
    fs.writeFileSync(path.join(project, "Dockerfile"), BAD_DOCKERFILE);
    npm(["install", "--offline", "--ignore-scripts", "--no-package-lock", path.join(work, packed[0]?.filename ?? "")], project);
    assert.deepEqual(
      fs.readdirSync(path.join(project, "node_modules")).filter((n) => !n.startsWith(".")),
      ["shipshape"],
      "the package brings no other package",
    );
    const npx = (...args: string[]) =>
      spawnSync("npx", ["--offline", "--no-install", "shipshape", ...args], { cwd: project, encoding: "utf8" });
    assert.equal(npx("--version").stdout.trim(), VERSION);
    const lint = npx("lint", "--format", "json");
    assert.equal(lint.status, 1, lint.stderr);
    assert.ok((JSON.parse(lint.stdout) as { ruleId: string }[]).some((f) => f.ruleId === "dockerfile/copy-dest-trailing-slash"));
  });
});
