/**
 * Recipes that fit the project: one app service whichever compose.yml the user keeps, the development override
 * (source mount, reload, debug logs, host UID/GID) that lints clean and starts, an alembic migration service that
 * gates the app, and the stack's targets as a just module in a project that uses just.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { generate, nextSteps } from "../../../server/src/engine/generators";
import type { GeneratedFile } from "../../../server/src/engine/generators/files";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { DEV_OVERRIDE, RECIPE_NAMES } from "../../../server/src/engine/generators/recipes";
import { checkComposeServices } from "../../../server/src/engine/startCheck";
import { assertLintsClean, projectFs, readProject, rootOf } from "./helpers";

const ACCEPTED_UNKNOWNS = [/^the ENTRYPOINT of dhi\.io\/[a-z]+:[^ ]+ is not known/];

function setup(project: string, extra: Record<string, string> = {}) {
  const root = rootOf(project);
  const files = { ...readProject(project), ...extra };
  const facts = readProjectFacts(projectFs(root, files), root);
  return { root, files, facts };
}

/** Start-check problems of the given compose files' services (fail, and unknowns not accepted for generated files). */
function composeProblems(root: string, files: Record<string, string>, generated: GeneratedFile[], composeFiles: string[]): string[] {
  const fs = projectFs(root, files, generated);
  const out: string[] = [];
  const reports = checkComposeServices(
    fs,
    composeFiles.map((f) => `${root}/${f}`),
  );
  assert.ok(reports.length > 0, "some service was checked");
  for (const r of reports)
    for (const f of r.findings)
      if (f.status === "fail" || (f.status === "unknown" && !ACCEPTED_UNKNOWNS.some((re) => re.test(f.message))))
        out.push(`${r.service}: ${f.status} ${f.check}: ${f.message}`);
  return out;
}

/** Services publishing the host port, over the layered files (by service name, as compose merges them). */
function publishers(generated: GeneratedFile[], names: string[], port: number): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const doc = parse(generated.find((f) => f.path === name)?.contents ?? "") as { services?: Record<string, { ports?: string[] }> };
    for (const [service, def] of Object.entries(doc?.services ?? {}))
      if ((def?.ports ?? []).some((p) => String(p).split(":").slice(-2)[0] === String(port))) out.add(service);
  }
  return [...out];
}

describe("recipes fit the project", () => {
  it("the app starts once on its port when the user keeps the compose.yml of Generate hardened Dockerfile (skipping the recipes' base)", () => {
    const { facts } = setup("uv-fastapi-src");
    const dockerfileStack = generate("dockerfile", facts, { compose: true });
    const recipes = generate("recipes", facts, { recipes: ["db", "api"] });
    const kept = dockerfileStack.find((f) => f.path === "compose.yml") as GeneratedFile;
    const layered = [kept, ...recipes.filter((f) => f.path !== "compose.yml")];
    assert.deepEqual(publishers(layered, ["compose.yml", "compose.db.yml", "compose.api.yml"], facts.port).length, 1);
  });

  for (const flavour of ["slim", "hardened", "distroless"] as const) {
    for (const project of ["uv-fastapi-src", "stockbook-poetry", "node-app"]) {
      it(`${DEV_OVERRIDE} × ${project} × ${flavour}: lints clean, and the app service starts with it`, () => {
        const { root, files, facts } = setup(project);
        const out = generate("recipes", facts, { recipes: ["db", "cache", "api"], dev: true, makefile: true, flavour });
        const dockerfile = generate("dockerfile", facts, { flavour });
        const dev = out.find((f) => f.path === DEV_OVERRIDE);
        assert.ok(dev, "written");
        assert.match(dev.contents, /user: "\$\{APP_UID:-1000\}:\$\{APP_GID:-1000\}"/);
        assert.match(dev.contents, /volumes:\n\s+- \.\//);
        assertLintsClean(root, files, [...out, ...dockerfile]);
        const problems = composeProblems(root, files, [...out, ...dockerfile], ["compose.yml", "compose.api.yml", DEV_OVERRIDE]);
        assert.deepEqual(problems, [], problems.join("\n"));
        assert.match(
          out.find((f) => f.path === "Makefile")?.contents ?? "",
          new RegExp(`\\ndev:\\n\\t\\$\\(COMPOSE\\) -f ${DEV_OVERRIDE} up --build\\n`),
        );
      });
    }
  }

  it("the development overrides rebuild the image when a manifest or the lockfile changes (Compose Watch)", () => {
    const { facts } = setup("uv-fastapi-src");
    const overrides = [
      generate("recipes", facts, { recipes: ["api"], dev: true }).find((f) => f.path === DEV_OVERRIDE),
      generate("dockerfile", facts, { compose: true }).find((f) => f.path === "compose.override.yml"),
    ];
    for (const o of overrides) {
      const doc = parse(o?.contents ?? "") as { services: Record<string, { develop?: { watch?: { action: string; path: string }[] } }> };
      const watch = Object.values(doc.services)[0]?.develop?.watch ?? [];
      assert.deepEqual(
        watch.map((w) => `${w.action} ${w.path}`),
        ["rebuild ./pyproject.toml", "rebuild ./uv.lock"],
        o?.path,
      );
    }
  });

  it("no development override without the api recipe, and none unless asked", () => {
    const { facts } = setup("uv-fastapi-src");
    assert.equal(
      generate("recipes", facts, { recipes: ["db"], dev: true }).some((f) => f.path === DEV_OVERRIDE),
      false,
    );
    assert.equal(
      generate("recipes", facts, { recipes: ["api"] }).some((f) => f.path === DEV_OVERRIDE),
      false,
    );
  });

  describe("alembic", () => {
    const extra = {
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/env.py": "from alembic import context\n",
      "pyproject.toml":
        readProject("uv-fastapi-src")["pyproject.toml"]?.replace(
          '"uvicorn[standard]>=0.32",',
          '"uvicorn[standard]>=0.32",\n    "alembic>=1.14",',
        ) ?? "",
      "uv.lock": `${readProject("uv-fastapi-src")["uv.lock"]}\n[[package]]\nname = "alembic"\nversion = "1.14.0"\nsource = { registry = "https://pypi.org/simple" }\n`,
    };

    for (const flavour of ["slim", "hardened", "distroless"] as const) {
      it(`a migrate service runs before the app, from the image that copies alembic.ini and the scripts (${flavour})`, () => {
        const { root, files, facts } = setup("uv-fastapi-src", extra);
        assert.deepEqual(facts.alembic, { config: "alembic.ini", scripts: "migrations" });
        const out = generate("recipes", facts, { recipes: ["db", "api"], flavour });
        const dockerfile = generate("dockerfile", facts, { flavour });
        const api = parse(out.find((f) => f.path === "compose.api.yml")?.contents ?? "") as {
          services: Record<string, { depends_on?: Record<string, { condition: string }>; command?: string[]; restart?: string }>;
        };
        assert.ok(api.services.migrate, "a migrate service");
        assert.equal(api.services.migrate?.restart, "no");
        assert.equal(api.services[facts.slug]?.depends_on?.migrate?.condition, "service_completed_successfully");
        assert.match(dockerfile[0]?.contents ?? "", /COPY [^\n]*alembic\.ini/);
        assert.match(dockerfile[0]?.contents ?? "", /COPY [^\n]*migrations/);
        assertLintsClean(root, files, [...out, ...dockerfile]);
        const problems = composeProblems(root, files, [...out, ...dockerfile], ["compose.yml", "compose.db.yml", "compose.api.yml"]);
        assert.deepEqual(problems, [], problems.join("\n"));
        assert.ok(nextSteps("recipes", facts, { recipes: ["db", "api"] }).some((s) => /alembic upgrade head/.test(s)));
      });
    }

    it("no migrate service without the db recipe or without alembic", () => {
      const withAlembic = setup("uv-fastapi-src", extra).facts;
      assert.doesNotMatch(
        generate("recipes", withAlembic, { recipes: ["api"] })
          .map((f) => f.contents)
          .join("\n"),
        /migrate:/,
      );
      const plain = setup("uv-fastapi-src").facts;
      assert.equal(plain.alembic, undefined);
      assert.doesNotMatch(
        generate("recipes", plain, { recipes: ["db", "api"] })
          .map((f) => f.contents)
          .join("\n"),
        /migrate:/,
      );
    });
  });

  it("a project that uses just gets compose.just to import, not a Makefile or a replaced justfile", () => {
    const { facts } = setup("uv-fastapi-src", { justfile: "test:\n    pytest\n" });
    assert.equal(facts.justfile, "justfile");
    const out = generate("recipes", facts, { recipes: [...RECIPE_NAMES], makefile: true, dev: true });
    assert.deepEqual(
      out.filter((f) => /^(Makefile|justfile|compose\.just)$/.test(f.path)).map((f) => f.path),
      ["compose.just"],
    );
    assert.match(
      out.find((f) => f.path === "compose.just")?.contents ?? "",
      /\ndev:\n {4}\{\{compose\}\} -f compose-dev\.yml up --build\n/,
    );
    assert.ok(nextSteps("recipes", facts, { recipes: ["api"], makefile: true }).some((s) => s.includes("import 'compose.just'")));
  });
});
