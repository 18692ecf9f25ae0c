import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateHardenedDockerfile } from "../../../server/src/engine/generators/hardenedDockerfile";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { generateRecipes, parseRecipeName, RECIPE_NAMES, recipeCommand } from "../../../server/src/engine/generators/recipes";
import { assertLintsClean, assertSnapshot, projectFs, readProject, rootOf } from "./helpers";

const project = "uv-fastapi-src";
const root = rootOf(project);
const files = readProject(project);
const facts = readProjectFacts(projectFs(root, files), root);
// the api recipe builds the project's Dockerfile, so the workspace has one (as after "Generate hardened Dockerfile")
const dockerfile = generateHardenedDockerfile(facts, { dockerignore: true });
const withDockerfile = { ...files, ...Object.fromEntries(dockerfile.map((f) => [f.path, f.contents])) };

describe("generateRecipes", () => {
  it("every recipe together, with a Makefile: snapshot, and lints clean", () => {
    const out = generateRecipes(facts, { recipes: [...RECIPE_NAMES], makefile: true });
    assertSnapshot(`recipes/${project}-all`, out);
    assertLintsClean(root, withDockerfile, out);
  });

  for (const recipe of RECIPE_NAMES) {
    it(`${recipe} alone lints clean (no references to recipes that were not picked)`, () => {
      assertLintsClean(root, withDockerfile, generateRecipes(facts, { recipes: [recipe] }));
    });
  }

  it("the command layers the files in order", () => {
    assert.equal(recipeCommand(["cache", "db"]), "docker compose -f compose.yml -f compose.db.yml -f compose.cache.yml up --build -d");
    assert.equal(parseRecipeName("static"), "nginx");
    assert.equal(parseRecipeName("nope"), undefined);
  });

  it("no literal secrets, no insecure dashboard, no Docker socket", () => {
    const all = generateRecipes(facts, { recipes: [...RECIPE_NAMES] })
      .map((f) => f.contents)
      .join("\n")
      .replace(/^\s*#.*$/gm, "");
    assert.doesNotMatch(all, /PASSWORD: (?!\$\{)[^\n]*[a-z]/i);
    assert.doesNotMatch(all, /api\.insecure|docker\.sock|:latest/);
  });
});
