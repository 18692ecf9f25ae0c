/**
 * The generator commands ask in the editor for every option the CLI has (`init --help`): flavour, the registry of the
 * hardened images (validated as the CLI validates `--registry`), the dev stage and compose files, the recipes, their
 * developer override (`--dev`) and Makefile; and pass the answers to the one server command. A stand-in `vscode`
 * (vscodeMock.ts) answers the quick picks and input boxes; the server's command code runs in-process.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECTS } from "./helpers";
import * as mock from "./vscodeMock";
import { commandHost, inProcessApi } from "../helpers/commandHost";
import { runInit } from "../../../server/src/cli/init";
import { SERVER_COMMANDS } from "../../../server/src/services/protocol";

const host = commandHost(() => mock.recorded.folders);
const api = inProcessApi(host);

const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleWithResolve._resolveFilename;
before(() => {
  moduleWithResolve._resolveFilename = (request, ...rest) =>
    request === "vscode" ? require.resolve("./vscodeMock") : resolve(request, ...rest);
});
after(() => {
  moduleWithResolve._resolveFilename = resolve;
});

const temp = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-options-")));
after(() => rmSync(temp, { recursive: true, force: true }));

function project(fixture = "uv-fastapi-src"): string {
  const dir = mkdtempSync(join(temp, `${fixture}-`));
  cpSync(join(PROJECTS, fixture), dir, { recursive: true });
  Object.assign(mock.recorded, { folders: [dir], errors: [], infos: [], commands: [], questions: [], asked: [], picks: [], inputs: [] });
  mock.recorded.answer = "overwrite";
  return dir;
}

type Item = mock.AskedPick["items"][number];
/** Answers a single-choice quick pick with the item of that id. */
const choose = (id: string) => (asked: mock.AskedPick) => {
  const item = asked.items.find((i) => i.id === id);
  assert.ok(item, `"${id}" offered in "${asked.placeHolder}": ${JSON.stringify(asked.items.map((i) => i.id))}`);
  return item;
};
/** Answers a multi-choice quick pick with the items of those ids. */
const chooseMany =
  (...ids: string[]) =>
  (asked: mock.AskedPick): Item[] =>
    ids.map((id) => choose(id)(asked));
const pickAsked = () => mock.recorded.asked.filter((a): a is mock.AskedPick => "items" in a);
const inputAsked = () => mock.recorded.asked.filter((a): a is mock.AskedInput => !("items" in a));
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("generator options in the editor", () => {
  it("Dockerfile, hardened: the registry is asked (default dhi.io), checked as the CLI checks it, and used", async () => {
    const { generateDockerfile } = await import("../../../client/src/commands/generateDockerfile");
    const dir = project();
    mock.recorded.picks = [choose("hardened"), chooseMany("devStage")];
    mock.recorded.inputs = [
      (asked) => {
        assert.equal(asked.value, "dhi.io", "the default registry is offered");
        const check = asked.validateInput;
        assert.ok(check, "the answer is validated while typing");
        for (const bad of ["https://dhi.io", "myregistry", "dhi.io/python:3.12", "dhi.io/", "a b.io"])
          assert.ok(check(bad), `"${bad}" refused`);
        for (const good of ["dhi.io", "registry.example.com/dhi", "localhost:5000"])
          assert.equal(check(good), undefined, `"${good}" accepted`);
        return "registry.example.com/dhi";
      },
    ];
    const result = await generateDockerfile(api, { dir });
    assert.ok(result?.written.includes("Dockerfile"), JSON.stringify(result));
    assert.equal(inputAsked().length, 1, "one input box: the registry");
    const dockerfile = read(dir, "Dockerfile");
    assert.match(dockerfile, /^FROM registry\.example\.com\/dhi\/python:/m, "the images come from the registry given");
    assert.match(dockerfile, /^FROM \S+ AS dev$/m, "the dev stage chosen is there");
    assert.ok(!existsSync(join(dir, "compose.yml")), "compose files not chosen: not written");
  });

  it("Dockerfile, slim: no registry question; the compose files when chosen", async () => {
    const { generateDockerfile } = await import("../../../client/src/commands/generateDockerfile");
    const dir = project();
    mock.recorded.picks = [choose("slim"), chooseMany("compose")];
    const result = await generateDockerfile(api, { dir });
    assert.equal(inputAsked().length, 0, "no registry question for slim");
    for (const f of ["Dockerfile", "compose.yml", "compose.override.yml"])
      assert.ok(result?.written.includes(f), `${f}: ${JSON.stringify(result)}`);
    assert.doesNotMatch(read(dir, "Dockerfile"), / AS dev$/m, "no dev stage unless chosen");
  });

  it("Dagster, hardened: the registry is asked and used", async () => {
    const { generateDagster } = await import("../../../client/src/commands/generateDagster");
    const dir = project("dagster-code");
    mock.recorded.picks = [choose("hardened")];
    mock.recorded.inputs = [() => "registry.example.com:5000"];
    const result = await generateDagster(api, { dir });
    assert.ok(result && result.written.length > 0, JSON.stringify(result));
    const dockerfiles = result.written.filter((f) => /Dockerfile/.test(f)).map((f) => read(dir, f));
    assert.ok(
      dockerfiles.some((d) => /^FROM registry\.example\.com:5000\//m.test(d)),
      "a Dagster image comes from the registry given",
    );
  });

  it("Dagster with a web app beside the definitions (pluginlake): asks whether to include it, and leaves it out when told", async () => {
    const { generateDagster } = await import("../../../client/src/commands/generateDagster");
    const withApp = project("pluginlake");
    mock.recorded.picks = [choose("slim"), choose("app")];
    await generateDagster(api, { dir: withApp });
    assert.equal(pickAsked()[1]?.items[0]?.label, "Include the web app service (pluginlake.api.main:app)");
    assert.match(read(withApp, "compose.yml"), /command: \["uvicorn", "pluginlake\.api\.main:app"/);
    const without = project("pluginlake");
    mock.recorded.picks = [choose("slim"), choose("no-app")];
    await generateDagster(api, { dir: without });
    assert.doesNotMatch(read(without, "compose.yml"), /uvicorn/);
  });

  it("Dagster offers every flavour init dagster takes; distroless puts the user code on distroless", async () => {
    const { generateDagster } = await import("../../../client/src/commands/generateDagster");
    const dir = project("dagster-code");
    mock.recorded.picks = [choose("distroless")];
    const result = await generateDagster(api, { dir });
    assert.deepEqual(
      pickAsked()[0]?.items.map((i) => i.id),
      ["slim", "hardened", "distroless"],
    );
    assert.equal(inputAsked().length, 0, "no registry question without hardened images");
    const dockerfiles = (result?.written ?? []).filter((f) => /Dockerfile/.test(f)).map((f) => read(dir, f));
    assert.ok(
      dockerfiles.some((d) => /^FROM gcr\.io\/distroless\//m.test(d)),
      "an image on distroless",
    );
  });

  it("Recipes: the flavour, the developer override (--dev) and the Makefile are asked and passed", async () => {
    const { assembleRecipes } = await import("../../../client/src/commands/assembleRecipes");
    const dir = project();
    mock.recorded.picks = [chooseMany("db", "api"), choose("distroless"), chooseMany("dev", "makefile")];
    const result = await assembleRecipes(api, { dir });
    assert.ok(result, "written");
    const extras = pickAsked()[2];
    assert.deepEqual(
      extras?.items.map((i) => i.id),
      ["dev", "makefile"],
      "the developer override and the Makefile are offered",
    );
    for (const f of ["compose.yml", "compose.db.yml", "compose.api.yml", "compose-dev.yml", "Makefile"])
      assert.ok(result.written.includes(f), `${f}: ${JSON.stringify(result.written)}`);
    // distroless has python3, not python: the api service's probe names it
    assert.match(read(dir, "compose.api.yml"), /"python3"/, "the flavour chosen reaches the api recipe");
  });

  it("Recipes, hardened: the registry is asked and Postgres comes from it", async () => {
    const { assembleRecipes } = await import("../../../client/src/commands/assembleRecipes");
    const dir = project();
    mock.recorded.picks = [chooseMany("db"), choose("hardened"), chooseMany()];
    mock.recorded.inputs = [() => "registry.example.com/dhi"];
    const result = await assembleRecipes(api, { dir });
    assert.ok(result?.written.includes("compose.db.yml"), JSON.stringify(result));
    assert.equal(inputAsked().length, 1, "the registry was asked");
    assert.match(read(dir, "compose.db.yml"), /image: registry\.example\.com\/dhi\/postgres/, "Postgres from the registry given");
  });

  it("Recipes without the api service: no flavour question for it, no developer override offered", async () => {
    const { assembleRecipes } = await import("../../../client/src/commands/assembleRecipes");
    const dir = project();
    mock.recorded.picks = [chooseMany("cache"), chooseMany()];
    const result = await assembleRecipes(api, { dir });
    assert.ok(result, "written");
    assert.equal(pickAsked().length, 2, "recipes, then the extras");
    assert.deepEqual(
      pickAsked()[1]?.items.map((i) => i.id),
      ["makefile"],
    );
    assert.ok(!result.written.includes("compose-dev.yml") && !result.written.includes("Makefile"), JSON.stringify(result.written));
  });

  it("Escape on any question stops the command: nothing written", async () => {
    const { assembleRecipes } = await import("../../../client/src/commands/assembleRecipes");
    const dir = project();
    mock.recorded.picks = [chooseMany("db", "api"), choose("slim")]; // then Escape on the extras
    const result = await assembleRecipes(api, { dir });
    assert.equal(result, undefined);
    assert.ok(!existsSync(join(dir, "compose.yml")), "nothing written");
  });

  it("a bad registry is refused the same way by the server command and by the CLI", async () => {
    const dir = project();
    await assert.rejects(
      api.call(SERVER_COMMANDS.generate, {
        generator: "dockerfile",
        dir: `file://${dir}`,
        options: { flavour: "hardened", registry: "https://dhi.io" },
      }),
      /without the scheme/,
    );
    let stderr = "";
    const code = await runInit(["dockerfile", "--flavour", "hardened", "--registry", "myregistry"], {
      cwd: dir,
      stdout: () => undefined,
      stderr: (s) => void (stderr += s),
    });
    assert.equal(code, 2);
    assert.match(stderr, /Docker Hub account/);
  });
});
