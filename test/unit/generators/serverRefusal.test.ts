/**
 * The server's generate command refuses what the engine's `generatorRefusal` refuses, with its words, and writes
 * nothing: the editor's Dagster command on a project without Dagster definitions is told so (the CLI exits 2).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { URI } from "vscode-uri";
import { generatorRefusal } from "../../../server/src/engine/generators";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { SERVER_COMMANDS, type GenerateResponse } from "../../../server/src/services/protocol";
import { diskFs } from "../../../server/src/node/diskFs";
import { commandHost, inProcessApi } from "../helpers/commandHost";
import { PROJECTS } from "./helpers";

const posix = (p: string) => p.split("\\").join("/");

async function generateIn(project: string, generator: string): Promise<GenerateResponse> {
  const dir = join(PROJECTS, project);
  const api = inProcessApi(commandHost(() => [posix(dir)]));
  return api.call<GenerateResponse>(SERVER_COMMANDS.generate, { generator, dir: URI.file(dir).toString() });
}

describe("server generate command: the engine's refusal", () => {
  for (const project of ["uv-fastapi-src", "node-app"]) {
    it(`dagster on ${project} (no Dagster definitions) returns the refusal and no files`, async () => {
      const refusal = generatorRefusal("dagster", readProjectFacts(diskFs, posix(join(PROJECTS, project))));
      assert.ok(refusal, "the engine refuses this project");
      const response = await generateIn(project, "dagster");
      assert.deepEqual(response.files, []);
      assert.ok(response.error?.endsWith(refusal), `the server says the engine's reason: ${response.error}`);
    });
  }

  it("dagster on a Dagster code location generates the stack", async () => {
    const response = await generateIn("dagster-code", "dagster");
    assert.equal(response.error, undefined);
    assert.ok(response.files.some((f) => f.path === "dagster/workspace.yaml"));
  });

  it("dockerfile on a folder without a manifest is refused with the engine's words", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shipshape-refusal-"));
    try {
      const refusal = generatorRefusal("dockerfile", readProjectFacts(diskFs, posix(dir)));
      assert.ok(refusal);
      const api = inProcessApi(commandHost(() => [posix(dir)]));
      const response = await api.call<GenerateResponse>(SERVER_COMMANDS.generate, {
        generator: "dockerfile",
        dir: URI.file(dir).toString(),
      });
      assert.deepEqual(response.files, []);
      assert.ok(response.error?.endsWith(refusal), `the server says the engine's reason: ${response.error}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
