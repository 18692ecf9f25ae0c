/** The file watcher the server registers is built from the rules' declared neighbours (engine/watch.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectKind } from "../../../server/src/engine/kinds";
import { allRules } from "../../../server/src/engine/rules";
import { matchesNameGlob, watchedFilesGlob, watchedNames } from "../../../server/src/engine/watch";

describe("watched files", () => {
  const names = watchedNames(allRules);
  const watched = (name: string) => names.some((g) => matchesNameGlob(name, g));

  it("covers the neighbours rules read that the hand-kept glob missed (workspace.yaml, dagster.yaml, .gitignore)", () => {
    for (const name of ["workspace.yaml", "dagster.yaml", ".gitignore", ".env", ".env.example", "docker-entrypoint.sh"])
      assert.ok(watched(name), name);
  });

  it("covers config files and every name the linter lints", () => {
    for (const name of [
      ".shipshape.json",
      "shipshape.config.json",
      "Dockerfile",
      "Dockerfile.dev",
      "api.Dockerfile",
      "Containerfile",
      "compose.yaml",
      "docker-compose.override.yml",
      "compose.db.yml",
      ".dockerignore",
      "api.Dockerfile.dockerignore",
      ".containerignore",
    ]) {
      assert.ok(detectKind(`/w/${name}`) !== undefined || name.endsWith(".json"), `${name} is linted or a config`);
      assert.ok(watched(name), name);
    }
  });

  it("does not watch what no rule reads", () => {
    for (const name of ["main.py", "README.md", "tsconfig.json"]) assert.ok(!watched(name), name);
  });

  it("covers compose files a project names with include or extends.file, whatever their name", () => {
    for (const name of ["common.yml", "services.yaml"]) assert.ok(watched(name), name);
  });

  it("is one brace glob without duplicates", () => {
    assert.equal(new Set(names).size, names.length);
    assert.match(watchedFilesGlob(allRules), /^\*\*\/\{[^{}]+\}$/);
  });

  it("name globs: * and ? only, dots are literal", () => {
    assert.ok(matchesNameGlob(".env.local", ".env.*"));
    assert.ok(!matchesNameGlob("xenv", ".env"));
    assert.ok(matchesNameGlob("requirements-dev.txt", "requirements*.txt"));
    assert.ok(!matchesNameGlob("requirements.txt.bak", "requirements*.txt"));
    assert.ok(matchesNameGlob("docker-compose.prod.yml", "*compose*.yml"));
    assert.ok(!matchesNameGlob("compose.yaml", "*compose*.yml"));
    assert.ok(matchesNameGlob("Dockerfile", "Dockerfile*"));
    assert.ok(matchesNameGlob("a.b", "?.?"));
    assert.ok(!matchesNameGlob("ab", "?.?"));
    assert.ok(matchesNameGlob("", "*"));
    assert.ok(!matchesNameGlob("x", ""));
    // no backtracking blow-up
    const started = Date.now();
    assert.ok(!matchesNameGlob("a".repeat(5000), "*a*a*a*a*a*b"));
    assert.ok(Date.now() - started < 1000);
  });
});
