/** Every generator × fixture project × base flavour, with and without the optional files, lints clean. */
import { describe, it } from "node:test";
import { generate, GENERATOR_NAMES } from "../../../server/src/engine/generators";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { RECIPE_NAMES } from "../../../server/src/engine/generators/recipes";
import { assertLintsClean, PROJECT_NAMES, projectFs, readProject, rootOf } from "./helpers";

describe("generator matrix", () => {
  for (const project of PROJECT_NAMES) {
    const root = rootOf(project);
    const files = readProject(project);
    const facts = readProjectFacts(projectFs(root, files), root);
    for (const generator of GENERATOR_NAMES) {
      for (const flavour of ["slim", "hardened", "distroless"] as const) {
        for (const extras of [false, true]) {
          it(`${generator} × ${project} × ${flavour}${extras ? " + extras" : ""}`, () => {
            const out = generate(generator, facts, {
              flavour,
              devStage: extras,
              compose: extras,
              recipes: extras ? [...RECIPE_NAMES] : ["db"],
              makefile: extras,
            });
            // the api recipe builds the project's Dockerfile: lint the recipes next to one
            const context = generator === "recipes" ? [...out, ...generate("dockerfile", facts, { flavour })] : out;
            assertLintsClean(root, files, context);
          });
        }
      }
    }
  }
});
