/**
 * The editor commands' write path with a stand-in `vscode` (vscodeMock.ts): an existing file that differs is
 * shown as a diff and only replaced when the user answers Overwrite; nothing is written outside the workspace.
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
    mock.recorded.answer = "Skip";
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n", "unchanged without confirmation");
    assert.deepEqual(result?.skipped, ["Dockerfile"]);
    assert.ok(result?.written.includes(".dockerignore"));
    const diff = mock.recorded.commands.find((c) => c[0] === "vscode.diff");
    assert.ok(diff, "a diff was shown");
    const preview = mock.recorded.commands.find((c) => c[0] === "preview");
    assert.match(String(preview?.[1]), /AS runtime/, "the diff's right side is the generated Dockerfile");
    assert.equal(mock.recorded.warnings.length, 1);
  });

  it("Overwrite replaces it", async () => {
    const { commands } = await load();
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    mock.recorded.answer = "Overwrite";
    const result = await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.deepEqual(result?.skipped, []);
    assert.match(readFileSync(join(dir, "Dockerfile"), "utf8"), /AS runtime/);
  });

  it("a dismissed question counts as Skip", async () => {
    const { commands } = await load();
    const dir = project();
    writeFileSync(join(dir, "Dockerfile"), "FROM python:3.12\n");
    mock.recorded.answer = undefined;
    await commands.generateDockerfile(api, { dir, flavour: "slim", devStage: false, compose: false, quiet: true });
    assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM python:3.12\n");
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
