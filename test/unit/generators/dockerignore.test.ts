import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dockerignore } from "../../../server/src/engine/generators/dockerignore";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { assertLintsClean, assertSnapshot, PROJECT_NAMES, projectFs, readProject, rootOf } from "./helpers";

describe("dockerignore", () => {
  for (const project of PROJECT_NAMES) {
    it(`${project}: snapshot, and lints clean`, () => {
      const root = rootOf(project);
      const files = readProject(project);
      const out = dockerignore(readProjectFacts(projectFs(root, files), root));
      assertSnapshot(`dockerignore/${project}`, out);
      assertLintsClean(root, files, out);
      const text = out[0]?.contents ?? "";
      for (const entry of [".git", ".env*", project === "node-app" ? "node_modules/" : ".venv/"])
        assert.match(text, new RegExp(`^${entry.replace(/[.*]/g, "\\$&")}$`, "m"));
    });
  }

  it("keeps the README the build backend needs", () => {
    const root = rootOf("uv-fastapi-src");
    const out = dockerignore(readProjectFacts(projectFs(root, readProject("uv-fastapi-src")), root));
    assert.match(out[0]?.contents ?? "", /^!README\.md$/m);
  });
});
