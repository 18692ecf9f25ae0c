import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runInit, runRefine, runReview } from "../../../server/src/cli/init";
import { PROJECTS } from "./helpers";

const temp = mkdtempSync(join(tmpdir(), "shipshape-init-"));
after(() => rmSync(temp, { recursive: true, force: true }));

function copyProject(name: string): string {
  const dir = mkdtempSync(join(temp, `${name}-`));
  cpSync(join(PROJECTS, name), dir, { recursive: true });
  return dir;
}

async function run(fn: typeof runInit, argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await fn(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd });
  return { code, out, err };
}

describe("shipshape init", () => {
  it("without --yes prints the plan and writes nothing", async () => {
    const dir = copyProject("uv-fastapi-src");
    const r = await run(runInit, ["dockerfile", "--dir", dir, "--compose"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /create\s+Dockerfile/);
    assert.match(r.out, /Nothing written/);
    assert.equal(existsSync(join(dir, "Dockerfile")), false);
    assert.equal(existsSync(join(dir, "compose.yml")), false);
  });

  it("with --yes writes the files", async () => {
    const dir = copyProject("uv-fastapi-src");
    const r = await run(runInit, ["dockerfile", "--dir", dir, "--yes", "--flavour", "hardened", "--dev-stage", "--compose"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, "Dockerfile"), "utf8"), /FROM dhi\.io\/python:3\.12-debian13 AS runtime/);
    for (const f of [".dockerignore", "compose.yml", "compose.override.yml"]) assert.ok(existsSync(join(dir, f)), f);
  });

  it("never overwrites an existing file without --force (dry run shows the diff)", async () => {
    const dir = copyProject("uv-fastapi-src");
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    const dry = await run(runInit, ["dockerfile", "--dir", dir], temp);
    assert.match(dry.out, /exists\s+Dockerfile/);
    assert.match(dry.out, /-FROM python:3\.12\n/);
    const yes = await run(runInit, ["dockerfile", "--dir", dir, "--yes"], temp);
    assert.equal(yes.code, 1, "skipping an existing file is reported");
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n");
    assert.ok(existsSync(join(dir, ".dockerignore")), "the other files are still written");
    const forced = await run(runInit, ["dockerfile", "--dir", dir, "--yes", "--force"], temp);
    assert.equal(forced.code, 0);
    assert.match(readFileSync(join(dir, "Dockerfile"), "utf8"), /AS runtime/);
  });

  it("refuses to write through a symlink that leads outside --dir", async () => {
    const dir = copyProject("dagster-code");
    const outside = mkdtempSync(join(temp, "outside-"));
    symlinkSync(outside, join(dir, "docker"));
    const r = await run(runInit, ["dagster", "--dir", dir, "--yes"], temp);
    assert.equal(r.code, 2);
    assert.match(r.err, /outside/);
    assert.equal(existsSync(join(outside, "user-code.Dockerfile")), false);
  });

  it("recipes, dagster and dockerignore", async () => {
    const dir = copyProject("uv-fastapi-src");
    const r = await run(runInit, ["recipes", "--dir", dir, "--recipes", "db,cache,static", "--makefile", "--yes"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /docker compose -f compose\.yml -f compose\.db\.yml -f compose\.cache\.yml -f compose\.nginx\.yml up --build -d/);
    assert.ok(existsSync(join(dir, "Makefile")));
    const d = copyProject("dagster-code");
    assert.equal((await run(runInit, ["dagster", "--dir", d, "--yes"], temp)).code, 0);
    assert.ok(existsSync(join(d, "dagster", "workspace.yaml")));
    const i = copyProject("node-app");
    assert.equal((await run(runInit, ["dockerignore", "--dir", i, "--yes"], temp)).code, 0);
    assert.match(readFileSync(join(i, ".dockerignore"), "utf8"), /node_modules/);
  });

  it("usage errors exit 2", async () => {
    assert.equal((await run(runInit, [], temp)).code, 2);
    assert.equal((await run(runInit, ["nope"], temp)).code, 2);
    assert.equal((await run(runInit, ["recipes"], temp)).code, 2);
    assert.equal((await run(runInit, ["dockerfile", "--flavour", "fat"], temp)).code, 2);
    assert.equal((await run(runInit, ["dockerfile", "--dir", join(temp, "missing")], temp)).code, 2);
    const empty = mkdtempSync(join(temp, "empty-"));
    const r = await run(runInit, ["dockerfile", "--dir", empty, "--yes"], temp);
    assert.equal(r.code, 2);
    assert.match(r.err, /nothing to install from/);
    assert.equal((await run(runInit, ["dockerignore", "--dir", empty, "--yes"], temp)).code, 0);
  });

  it("init dagster on a project without Dagster definitions says so, writes nothing and exits 2", async () => {
    for (const project of ["uv-fastapi-src", "node-app"]) {
      const dir = copyProject(project);
      const r = await run(runInit, ["dagster", "--dir", dir, "--yes"], temp);
      assert.equal(r.code, 2, project);
      assert.match(r.err, project === "node-app" ? /Node project/ : /no Dagster definitions found/);
      assert.equal(existsSync(join(dir, "compose.yml")), false);
    }
    // a repository with an app and definitions gets both
    const both = copyProject("pluginlake");
    const dagster = await run(runInit, ["dagster", "--dir", both, "--yes"], temp);
    assert.equal(dagster.code, 0);
    assert.match(
      dagster.out,
      /includes the web app as service pluginlake \(pluginlake\.api\.main:app, port 8000\); --no-app leaves it out/,
    );
    assert.match(readFileSync(join(both, "docker", "user-code.Dockerfile"), "utf8"), /"-m", "pluginlake\.definitions"/);
    assert.match(readFileSync(join(both, "compose.yml"), "utf8"), /command: \["uvicorn", "pluginlake\.api\.main:app"/);
    const dagsterOnly = copyProject("pluginlake");
    const noApp = await run(runInit, ["dagster", "--dir", dagsterOnly, "--yes", "--no-app"], temp);
    assert.equal(noApp.code, 0);
    assert.match(noApp.out, /web app \(pluginlake\.api\.main:app\) is left out \(--no-app\)/);
    assert.doesNotMatch(readFileSync(join(dagsterOnly, "compose.yml"), "utf8"), /uvicorn/);
    const app = copyProject("pluginlake");
    assert.equal((await run(runInit, ["dockerfile", "--dir", app, "--yes"], temp)).code, 0);
    assert.match(readFileSync(join(app, "Dockerfile"), "utf8"), /CMD \["uvicorn", "pluginlake\.api\.main:app"/);
  });

  it("an existing .gitignore is added to with --yes, never replaced", async () => {
    const dir = copyProject("pluginlake");
    const before = readFileSync(join(dir, ".gitignore"), "utf8");
    const dry = await run(runInit, ["dagster", "--dir", dir], temp);
    assert.match(dry.out, /add to\s+\.gitignore/);
    assert.equal(readFileSync(join(dir, ".gitignore"), "utf8"), before);
    const r = await run(runInit, ["dagster", "--dir", dir, "--yes"], temp);
    assert.equal(r.code, 0, r.out);
    const after = readFileSync(join(dir, ".gitignore"), "utf8");
    assert.ok(after.startsWith(before), "the project's own lines stay first and unchanged");
    assert.match(after, /^\.env$/m);
  });

  it("--merge adds the missing entries to an existing .dockerignore, the user's lines and comments first", async () => {
    const dir = copyProject("uv-fastapi-src");
    const mine = "# my secrets\n.env\n\n# build output\ndist/\n";
    writeFileSync(join(dir, ".dockerignore"), mine);
    const skipped = await run(runInit, ["dockerignore", "--dir", dir, "--yes"], temp);
    assert.equal(skipped.code, 1);
    assert.match(skipped.out, /--merge adds the missing entries/);
    assert.equal(readFileSync(join(dir, ".dockerignore"), "utf8"), mine);
    const merged = await run(runInit, ["dockerignore", "--dir", dir, "--yes", "--merge"], temp);
    assert.equal(merged.code, 0, merged.err);
    const text = readFileSync(join(dir, ".dockerignore"), "utf8");
    assert.ok(text.startsWith(mine), text);
    assert.match(text.slice(mine.length), /# Added by Shipshape\n# Version control[^\n]*\n\.git\n/);
    const again = await run(runInit, ["dockerignore", "--dir", dir, "--yes", "--merge"], temp);
    assert.match(again.out, /unchanged\s+\.dockerignore/);
  });

  it("hardened with --registry: the Dagster stack's images come from that registry", async () => {
    const dir = copyProject("pluginlake");
    const r = await run(runInit, ["dagster", "--dir", dir, "--yes", "--flavour", "hardened", "--registry", "mirror.example.com/dhi"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, "compose.yml"), "utf8"), /image: mirror\.example\.com\/dhi\/postgres:17-alpine3\.22\n/);
    const dev = readFileSync(join(dir, "docker", "dagster.dev.Dockerfile"), "utf8");
    assert.match(dev, /^FROM mirror\.example\.com\/dhi\/python:\d+\.\d+-debian13-dev$/m);
    assert.match(dev, /^COPY --from=mirror\.example\.com\/dhi\/uv:0-debian13-dev /m);
  });

  it("a project without a lockfile is told how to create one", async () => {
    const dir = copyProject("notes-nolock");
    const dry = await run(runInit, ["dockerfile", "--dir", dir], temp);
    assert.match(dry.out, /No lockfile: run `uv lock` and commit uv\.lock/);
    const yes = await run(runInit, ["dockerfile", "--dir", dir, "--yes"], temp);
    assert.equal(yes.code, 0);
    assert.match(yes.out, /No lockfile: run `uv lock`/);
  });
});

describe("shipshape review / refine", () => {
  it("review prints the three sections", async () => {
    const dir = copyProject("uv-fastapi-src");
    await run(runInit, ["dockerfile", "--dir", dir, "--yes"], temp);
    const r = await run(runReview, [join(dir, "Dockerfile")], temp);
    assert.match(r.out, /## Critical[\s\S]*## Improvements[\s\S]*## Good\n\n- Multi-stage build/);
    assert.equal(r.code, 0, r.out);
  });

  it("refine applies safe fixes only with --yes", async () => {
    const dir = copyProject("uv-fastapi-src");
    const file = join(dir, "Dockerfile");
    const original = "FROM python:3.12-slim\nMAINTAINER someone\nCMD uvicorn app:app\n";
    writeFileSync(file, original);
    const dry = await run(runRefine, [file, "--goal", "production"], temp);
    assert.equal(dry.code, 0, dry.err);
    assert.equal(readFileSync(file, "utf8"), original);
    const r = await run(runRefine, [file, "--goal", "production", "--yes"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(file, "utf8"), /CMD \["uvicorn", "app:app"\]/);
    assert.equal((await run(runRefine, [file, "--goal", "nope"], temp)).code, 2);
  });

  it("refine --goal security shows the .dockerignore it would create, and writes it with --yes", async () => {
    const dir = copyProject("uv-fastapi-src");
    rmSync(join(dir, ".dockerignore"), { force: true });
    const file = join(dir, "Dockerfile");
    writeFileSync(file, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "-m", "shop_api"]\n');
    const dry = await run(runRefine, [file, "--goal", "security"], temp);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /Create a \.dockerignore \(dockerfile\/dockerignore-present\)/);
    assert.match(dry.out, /\+\+\+ b\/\.dockerignore\n(?:.*\n)*\s+\+\.git\n/);
    assert.doesNotMatch(dry.out, /0 safe fixes/);
    assert.equal(existsSync(join(dir, ".dockerignore")), false);
    const r = await run(runRefine, [file, "--goal", "security", "--yes"], temp);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, ".dockerignore"), "utf8"), /^\.git$/m);
  });
});
