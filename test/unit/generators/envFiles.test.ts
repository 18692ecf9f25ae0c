/** Env templates and .gitignore: every variable the compose files use is documented; existing files are added to, never replaced. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generate } from "../../../server/src/engine/generators";
import { composeVariables } from "../../../server/src/engine/generators/files";
import { mergeLines, planFiles } from "../../../server/src/engine/generators/plan";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { RECIPE_NAMES } from "../../../server/src/engine/generators/recipes";
import { memoryFs } from "../../../server/src/engine/workspace";
import { projectFs, readProject, rootOf } from "./helpers";

const keys = (text: string) => new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1] as string));

describe("env templates", () => {
  for (const [generator, project] of [
    ["dagster", "pluginlake"],
    ["dagster", "dagster-code"],
    ["recipes", "uv-fastapi-src"],
  ] as const) {
    it(`${generator} × ${project}: .env.example lists every variable the compose files use, and .gitignore keeps the real ones out`, () => {
      const root = rootOf(project);
      const facts = readProjectFacts(projectFs(root, readProject(project)), root);
      const out = generate(generator, facts, { recipes: [...RECIPE_NAMES] });
      const used = out.filter((f) => /(^|\/)compose[^/]*\.ya?ml$/.test(f.path)).flatMap((f) => composeVariables(f.contents));
      assert.ok(used.length > 0);
      for (const template of out.filter((f) => /^\.env(\.[\w-]+)?\.example$/.test(f.path))) {
        const listed = keys(template.contents);
        for (const v of used) assert.ok(listed.has(v) || v === "VERSION", `${template.path} lists ${v}`);
      }
      const gitignore = out.find((f) => f.path === ".gitignore")?.contents ?? "";
      assert.match(gitignore, /^\.env$/m);
      assert.match(gitignore, /^!\.env\.example$/m);
    });
  }
  it("the Dagster stack has a production template (practice 000: .env.production from .env.production.example)", () => {
    const root = rootOf("dagster-code");
    const out = generate("dagster", readProjectFacts(projectFs(root, readProject("dagster-code")), root));
    assert.match(out.find((f) => f.path === ".env.production.example")?.contents ?? "", /chmod 600/);
  });
});

describe("merging into existing files", () => {
  it(".gitignore: the user's lines stay, only missing patterns are appended (with their comment)", () => {
    const existing = "# mine\nnode_modules/\n.env\n";
    const merged = mergeLines(".gitignore", existing, "# Real env files\n.env\n.env.*\n!.env.example\n");
    assert.ok(merged.startsWith(existing));
    // the comment belongs to `.env`, which the file has already
    // the group's comment comes along with the entries the file lacks, though the file has the group's first one
    assert.equal(merged, `${existing}\n# Added by Shipshape\n# Real env files\n.env.*\n!.env.example\n`);
    assert.equal(mergeLines(".gitignore", merged, "# Real env files\n.env\n.env.*\n!.env.example\n"), merged, "a second run adds nothing");
  });

  it(".dockerignore merge: the user's lines and group comments stay, each added group keeps its heading", () => {
    const existing = "# my secrets\n.env\n\n# build output\ndist/\n*.log\n";
    const generated = "# Version control\n.git\n.gitignore\n\n# Secrets\n.env\n*.pem\n\n# Build output\ndist/\nbuild/\n";
    const merged = mergeLines(".dockerignore", existing, generated);
    assert.ok(merged.startsWith(existing), "the user's file is kept as it is");
    assert.equal(
      merged.slice(existing.length),
      "\n# Added by Shipshape\n# Version control\n.git\n.gitignore\n\n# Secrets\n*.pem\n\n# Build output\nbuild/\n",
    );
    assert.equal(mergeLines(".dockerignore", merged, generated), merged, "a second run adds nothing");
  });

  it(".env.example: variables are merged by name, the user's values kept", () => {
    const merged = mergeLines(".env.example", "DAGSTER_PG_USER=me\nOTHER=1", "DAGSTER_PG_USER=dagster\n# Required\nDAGSTER_PG_PASSWORD=\n");
    assert.equal(merged, "DAGSTER_PG_USER=me\nOTHER=1\n\n# Added by Shipshape\n# Required\nDAGSTER_PG_PASSWORD=\n");
  });

  it("planFiles: an existing .gitignore is a merge (no --force needed), any other existing file a conflict", () => {
    const fs = memoryFs({ "/p/.gitignore": "dist/\n", "/p/compose.yml": "services: {}\n" });
    const plan = planFiles(fs, "/p", [
      { path: ".gitignore", contents: ".env\n" },
      { path: "compose.yml", contents: "services:\n  a:\n    image: x:1\n" },
    ]);
    assert.deepEqual(
      plan.map((p) => [p.path, p.action, p.merged ?? false]),
      [
        [".gitignore", "conflict", true],
        ["compose.yml", "conflict", false],
      ],
    );
    assert.equal(plan[0]?.contents, "dist/\n\n# Added by Shipshape\n.env\n");
    assert.match(plan[0]?.diff ?? "", /^\+\.env$/m);
  });
});
