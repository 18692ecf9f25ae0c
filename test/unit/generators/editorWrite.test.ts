/**
 * The editor commands' write path with a stand-in `vscode` (vscodeMock.ts): an existing file that differs is
 * shown as a diff and only replaced when the user answers Overwrite; Keep is the default; Cancel or Escape writes
 * nothing at all; a .dockerignore can get only its missing entries; nothing is written outside the workspace.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECTS } from "./helpers";
import * as mock from "./vscodeMock";
import { commandHost, inProcessApi } from "../helpers/commandHost";
import { isInside } from "../../../server/src/services/commands";

// the client's commands against the server's command code, in-process, with the mock's workspace folders as roots
const host = commandHost(() => mock.recorded.folders);
const api = inProcessApi(host);

// route `import "vscode"` in the command modules to the stand-in
const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleWithResolve._resolveFilename;
before(() => {
  moduleWithResolve._resolveFilename = (request, ...rest) =>
    request === "vscode" ? require.resolve("./vscodeMock") : resolve(request, ...rest);
});
after(() => {
  moduleWithResolve._resolveFilename = resolve;
});

const temp = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-editor-")));
after(() => rmSync(temp, { recursive: true, force: true }));

function project(): string {
  const dir = mkdtempSync(join(temp, "shop-"));
  cpSync(join(PROJECTS, "uv-fastapi-src"), dir, { recursive: true });
  mock.recorded.folders = [dir];
  mock.recorded.errors = [];
  mock.recorded.warnings = [];
  mock.recorded.commands = [];
  mock.recorded.questions = [];
  return dir;
}

type Shared = typeof import("../../../client/src/commands/shared");
type Commands = typeof import("../../../client/src/commands/generateDockerfile");
const load = async () => ({
  shared: (await import("../../../client/src/commands/shared")) as Shared,
  commands: (await import("../../../client/src/commands/generateDockerfile")) as Commands,
});

describe("editor write path", () => {
  it("asks before replacing an existing file, with a diff; Skip keeps it", async () => {
    const { shared, commands } = await load();
    shared.registerPreviewProvider({ subscriptions: [] } as never);
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    mock.recorded.answer = "skip";
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n", "unchanged without confirmation");
    assert.deepEqual(result?.skipped, ["Dockerfile"]);
    assert.ok(result?.written.includes(".dockerignore"));
    const diff = mock.recorded.commands.find((c) => c[0] === "vscode.diff");
    assert.ok(diff, "a diff was shown");
    const preview = mock.recorded.commands.find((c) => c[0] === "preview");
    assert.match(String(preview?.[1]), /AS runtime/, "the diff's right side is the generated Dockerfile");
    assert.equal(mock.recorded.questions.length, 1);
    assert.equal(mock.recorded.questions[0]?.active, "skip", "Keep is the default answer");
    assert.deepEqual(mock.recorded.questions[0]?.ids, ["skip", "overwrite", "cancel"]);
  });

  it("Overwrite replaces it", async () => {
    const { commands } = await load();
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    mock.recorded.answer = "overwrite";
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.deepEqual(result?.skipped, []);
    assert.match(readFileSync(join(dir, "Dockerfile"), "utf8"), /AS runtime/);
  });

  it("Escape (a dismissed question) cancels the whole command: nothing written, not even the new files", async () => {
    const { commands } = await load();
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    assert.equal(existsSync(join(dir, ".dockerignore")), false);
    mock.recorded.answer = undefined;
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n");
    assert.equal(existsSync(join(dir, ".dockerignore")), false, "the file that did not exist is not created either");
    assert.equal(result?.cancelled, true);
    assert.deepEqual(result?.written, []);
  });

  it("Cancel on the second question drops the Overwrite answered on the first", async () => {
    const { commands } = await load();
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    writeFileSync(join(dir, ".dockerignore"), "node_modules\n");
    mock.recorded.answer = ["overwrite", "cancel"];
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.equal(mock.recorded.questions.length, 2, "one question per conflicting file");
    assert.match(mock.recorded.questions[1]?.title ?? "", /2 of 2/);
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n");
    assert.equal(readFileSync(join(dir, ".dockerignore"), "utf8"), "node_modules\n");
    assert.equal(result?.cancelled, true);
  });

  it('"Add .dockerignore" on an existing file offers Merge: only the missing entries are added, the user\'s lines stay', async () => {
    const dockerignore =
      (await import("../../../client/src/commands/addDockerignore")) as typeof import("../../../client/src/commands/addDockerignore");
    const dir = project();
    const mine = "# mine\nnode_modules/\n/.venv\n*.log\n";
    writeFileSync(join(dir, ".dockerignore"), mine);
    mock.recorded.answer = "merge";
    const result = await dockerignore.addDockerignore(api, { dir, quiet: true });
    assert.deepEqual(mock.recorded.questions[0]?.ids, ["skip", "merge", "overwrite", "cancel"]);
    const text = readFileSync(join(dir, ".dockerignore"), "utf8");
    assert.ok(text.startsWith(mine), "the user's file is kept as it was, in order");
    assert.match(text.slice(mine.length), /^\.git$/m, "a missing entry is added");
    assert.doesNotMatch(
      text.slice(mine.length),
      /^\/?\.venv\/?$|^node_modules\/?$/m,
      "entries the file has (as /x or x/) are not added again",
    );
    assert.deepEqual(result?.merged, [".dockerignore"]);
    // the diff's right side showed the merge while Merge was the active answer
    assert.ok(mock.recorded.commands.some((c) => c[0] === "vscode.diff"));
  });

  it("regenerating with fewer files names the files of the previous run it leaves behind", async () => {
    const { commands } = await load();
    const dir = project();
    await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: true, quiet: true, overwrite: "overwrite" });
    assert.ok(existsSync(join(dir, "compose.override.yml")));
    const again = await commands.generateDockerfile(api, {
      dir,
      flavour: "slim",
      devStage: false,
      compose: false,
      quiet: true,
      overwrite: "overwrite",
    });
    assert.deepEqual([...(again?.orphaned ?? [])].sort(), ["compose.override.yml", "compose.yml"]);
    // a compose.yml of the user's own (another first line) is not called a leftover
    writeFileSync(join(dir, "compose.yml"), "services: {}\n");
    const third = await commands.generateDockerfile(api, {
      dir,
      flavour: "slim",
      devStage: false,
      compose: false,
      quiet: true,
      overwrite: "overwrite",
    });
    assert.deepEqual(third?.orphaned, ["compose.override.yml"]);
  });

  it("the Dagster generator refuses a project without Dagster, with the engine's reason, before asking anything", async () => {
    const dagster =
      (await import("../../../client/src/commands/generateDagster")) as typeof import("../../../client/src/commands/generateDagster");
    const dir = project();
    const result = await dagster.generateDagster(api, { dir });
    assert.equal(result, undefined);
    assert.match(mock.recorded.errors.join("\n"), /no Dagster definitions found/);
    assert.equal(existsSync(join(dir, "compose.yml")), false);
  });

  it("never writes outside the workspace folder (a symlink leading out is refused)", async () => {
    const { shared } = await load();
    const dir = project();
    const outside = mkdtempSync(join(temp, "outside-"));
    symlinkSync(outside, join(dir, "docker"));
    assert.equal(isInside(host, join(dir, "docker", "x.Dockerfile")), false, "the server sees through the symlink");
    assert.equal(isInside(host, join(dir, "sub", "x.Dockerfile")), true);
    assert.equal(isInside(host, dir), false, "the folder itself is not a file in it");
    const result = await shared.writeGenerated(
      {
        folder: mock.Uri.file(dir).toString(),
        files: [
          {
            path: "docker/x.Dockerfile",
            uri: mock.Uri.file(join(dir, "docker", "x.Dockerfile")).toString(),
            action: "create",
            contents: "FROM scratch\n",
            diff: "",
            outside: true,
            edit: {},
          },
        ],
        nextSteps: [],
      },
      "overwrite",
    );
    assert.deepEqual(result.written, []);
    assert.equal(existsSync(join(outside, "x.Dockerfile")), false);
    assert.match(mock.recorded.errors.join("\n"), /outside the workspace/);
  });

  it("a project without a dependency manifest is refused before anything is asked", async () => {
    const { commands } = await load();
    const dir = mkdtempSync(join(temp, "empty-"));
    mock.recorded.folders = [dir];
    mock.recorded.errors = [];
    const result = await commands.generateDockerfile(api, { dir, quiet: true });
    assert.equal(result, undefined);
    assert.match(mock.recorded.errors.join("\n"), /nothing to install from/);
  });
});
