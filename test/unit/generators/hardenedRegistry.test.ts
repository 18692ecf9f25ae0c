/**
 * The hardened flavour takes every image Docker Hardened Images has (the Python build and runtime images, the uv
 * binary, the Dagster development image, Postgres) from the registry the user gives, in every generator, and the
 * output still lints clean and starts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generate } from "../../../server/src/engine/generators";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { DEV_OVERRIDE, RECIPE_NAMES, recipeFileNames } from "../../../server/src/engine/generators/recipes";
import { assertLintsClean, projectFs, readProject, rootOf, startProblems } from "./helpers";

const MIRROR = "registry.example.com/dhi";

/** Every image a generated file names: FROM, COPY --from=<image>, compose `image:`. */
function imagesOf(contents: string): string[] {
  const out: string[] = [];
  for (const m of contents.matchAll(/^FROM\s+(\S+)/gm)) out.push(m[1] as string);
  for (const m of contents.matchAll(/--from=(\S+)/g)) if ((m[1] as string).includes(":")) out.push(m[1] as string);
  for (const m of contents.matchAll(/^\s+image:\s+(\S+)/gm)) out.push(m[1] as string);
  return out;
}

/** Images with a hardened equivalent the generators know: they must come from the given registry. */
const HAS_HARDENED = /^(?:[^/]+\/)*(python|uv|postgres):/;
const UPSTREAM = /^(python|postgres|ghcr\.io\/astral-sh\/uv):/;

describe("hardened images from the user's registry", () => {
  for (const project of ["pluginlake", "dagster-code", "uv-fastapi-src", "stockbook-poetry"]) {
    const root = rootOf(project);
    const files = readProject(project);
    const facts = readProjectFacts(projectFs(root, files), root);
    for (const registry of [undefined, MIRROR]) {
      const prefix = registry ?? "dhi.io";
      it(`dagster and recipes × ${project} from ${prefix}: hardened Postgres, uv and development image`, () => {
        const outputs = [
          generate("recipes", facts, { flavour: "hardened", registry, recipes: [...RECIPE_NAMES], dev: true }),
          generate("dockerfile", facts, { flavour: "hardened", registry, devStage: true, compose: true }),
          ...(facts.dagsterModule !== undefined ? [generate("dagster", facts, { flavour: "hardened", registry })] : []),
        ];
        let checked = 0;
        for (const out of outputs) {
          for (const f of out) {
            for (const image of imagesOf(f.contents)) {
              assert.doesNotMatch(image, UPSTREAM, `${f.path}: ${image} has a hardened image`);
              if (HAS_HARDENED.test(image)) {
                assert.ok(image.startsWith(`${prefix}/`), `${f.path}: ${image} comes from ${prefix}`);
                checked++;
              }
            }
          }
        }
        assert.ok(checked >= 3, `images checked: ${checked}`);
        const recipes = outputs[0] ?? [];
        const db = recipes.find((f) => f.path === "compose.db.yml")?.contents ?? "";
        assert.match(db, new RegExp(`image: ${prefix.replace(/\./g, "\\.")}/postgres:17-alpine3\\.22\\n`));
        // the hardened Postgres may have no shell: its probe is exec form
        assert.match(db, /test: \["CMD", "pg_isready"/);
      });
    }
    it(`hardened × ${project} from a mirror: lints clean, and nothing certainly fails to start`, () => {
      const dockerfile = generate("dockerfile", facts, { flavour: "hardened", registry: MIRROR, devStage: true, compose: true });
      assertLintsClean(root, files, dockerfile);
      // the start check knows dhi.io's images, not a mirror's: unknowns are fine there, failures are not
      const fails = (problems: string[]) => problems.filter((p) => / FAIL /.test(p));
      assert.deepEqual(fails(startProblems(root, files, dockerfile)), []);
      const recipes = generate("recipes", facts, { flavour: "hardened", registry: MIRROR, recipes: [...RECIPE_NAMES], dev: true });
      const dockerfileOnly = dockerfile.filter((f) => !f.path.startsWith("compose"));
      assertLintsClean(root, files, [...recipes, ...dockerfileOnly]);
      const layered = recipeFileNames([...RECIPE_NAMES], true);
      assert.deepEqual(
        fails(startProblems(root, files, [...recipes, ...dockerfileOnly], [layered.filter((f) => f !== DEV_OVERRIDE), layered])),
        [],
      );
      if (facts.dagsterModule !== undefined) {
        const dagster = generate("dagster", facts, { flavour: "hardened", registry: MIRROR });
        assertLintsClean(root, files, dagster);
        assert.deepEqual(fails(startProblems(root, files, dagster)), []);
      }
    });
  }
});
