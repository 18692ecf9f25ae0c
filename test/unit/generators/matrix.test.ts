/**
 * Every generator × fixture project × base flavour × optional parts: the output lints clean with our own engine,
 * passes the static "does it start" check (every Dockerfile's final and dev stage, every compose service as the
 * base file and the development override run it), and matches its committed snapshot.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generate, generatorRefusal, GENERATOR_NAMES } from "../../../server/src/engine/generators";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { DEV_OVERRIDE, RECIPE_NAMES, recipeFileNames } from "../../../server/src/engine/generators/recipes";
import { assertLintsClean, assertSnapshot, assertStarts, PROJECT_NAMES, projectFs, readProject, rootOf } from "./helpers";

const EXTRAS = [
  { name: "", devStage: false, compose: false },
  { name: "-dev", devStage: true, compose: false },
  { name: "-compose", devStage: false, compose: true },
  { name: "-dev-compose", devStage: true, compose: true },
] as const;

describe("generator matrix", () => {
  for (const project of PROJECT_NAMES) {
    const root = rootOf(project);
    const files = readProject(project);
    const facts = readProjectFacts(projectFs(root, files), root);
    for (const generator of GENERATOR_NAMES) {
      const refusal = generatorRefusal(generator, facts);
      if (refusal) {
        it(`${generator} × ${project}: refused (${refusal.slice(0, 40)}…)`, () => {
          assert.ok(generator === "dagster", `only init dagster refuses a fixture project, not ${generator}`);
        });
        continue;
      }
      for (const flavour of ["slim", "hardened", "distroless"] as const) {
        for (const extras of EXTRAS) {
          // dockerignore ignores the flavour and the dev options: one snapshot is enough; recipes take the flavour
          // (the app service's Dockerfile, the hardened Postgres) and write their development override with -dev
          if (generator === "dockerignore" && (flavour !== "slim" || extras.name !== "")) continue;
          if (generator === "recipes" && extras.name !== "" && extras.name !== "-dev") continue;
          if (generator === "dagster" && extras.name !== "" && extras.name !== "-dev") continue;
          it(`${generator} × ${project} × ${flavour}${extras.name}`, () => {
            const out = generate(generator, facts, {
              flavour,
              devStage: extras.devStage,
              compose: extras.compose,
              recipes: [...RECIPE_NAMES],
              makefile: true,
              dev: extras.devStage,
            });
            // the api recipe builds the project's Dockerfile: lint and check the recipes next to one
            const context = generator === "recipes" ? [...out, ...generate("dockerfile", facts, { flavour })] : out;
            assertLintsClean(root, files, context);
            if (generator === "dockerfile" || generator === "dagster") assertStarts(root, files, out);
            if (generator === "recipes") {
              const layered = recipeFileNames([...RECIPE_NAMES], extras.devStage);
              assertStarts(root, files, context, [layered.filter((f) => f !== DEV_OVERRIDE), layered]);
            }
            // dockerignore keeps its snapshots in its own test
            if (generator !== "dockerignore") assertSnapshot(`${generator}/${project}-${flavour}${extras.name}`, out);
          });
        }
      }
    }
  }
});
