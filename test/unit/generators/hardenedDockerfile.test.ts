import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateHardenedDockerfile, type DockerfileOptions } from "../../../server/src/engine/generators/hardenedDockerfile";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { assertLintsClean, assertSnapshot, PROJECT_NAMES, projectFs, readProject, rootOf } from "./helpers";

const variants: { name: string; projects: readonly string[]; options: DockerfileOptions }[] = [
  { name: "slim", projects: PROJECT_NAMES, options: { flavour: "slim" } },
  { name: "slim-dev-compose", projects: PROJECT_NAMES, options: { flavour: "slim", devStage: true, compose: true } },
  { name: "hardened", projects: PROJECT_NAMES, options: { flavour: "hardened", registry: "dhi.io", compose: true } },
  { name: "distroless", projects: ["uv-fastapi-src", "poetry-flask", "node-app"], options: { flavour: "distroless" } },
];

describe("generateHardenedDockerfile", () => {
  for (const v of variants) {
    for (const project of v.projects) {
      it(`${project} (${v.name}): snapshot, and lints clean`, () => {
        const root = rootOf(project);
        const files = readProject(project);
        const out = generateHardenedDockerfile(readProjectFacts(projectFs(root, files), root), v.options);
        assertSnapshot(`dockerfile/${project}-${v.name}`, out);
        assertLintsClean(root, files, out);
      });
    }
  }

  it("a plain script gets no EXPOSE, HEALTHCHECK or published port", () => {
    const root = rootOf("plain-script");
    const facts = readProjectFacts(projectFs(root, readProject("plain-script")), root);
    const out = generateHardenedDockerfile(facts, { compose: true, devStage: true });
    const text = out.map((f) => f.contents).join("\n");
    assert.doesNotMatch(text, /EXPOSE|HEALTHCHECK|healthcheck:|ports:/);
    assert.match(out[0]?.contents ?? "", /CMD \["nightly-report"\]\n$/);
  });

  it("the runtime stage is the last, non-root, exec-form, with a HEALTHCHECK and no curl", () => {
    const root = rootOf("uv-fastapi-src");
    const facts = readProjectFacts(projectFs(root, readProject("uv-fastapi-src")), root);
    for (const flavour of ["slim", "hardened", "distroless"] as const) {
      const dockerfile = generateHardenedDockerfile(facts, { flavour, devStage: true })[0]?.contents ?? "";
      const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
      assert.match(runtime, /AS runtime/);
      assert.match(runtime, /\nUSER (app|nonroot)\n/);
      assert.match(runtime, /\nHEALTHCHECK [^\n]*\\\n\s+CMD \["/);
      assert.doesNotMatch(runtime, /curl|wget/);
      assert.match(runtime, /\n(CMD|ENTRYPOINT) \["/);
      assert.match(dockerfile, /uv sync --frozen --no-dev --no-install-project/);
      assert.match(dockerfile, /--mount=type=cache,target=\/root\/\.cache\/uv/);
      // manifests before source
      assert.ok(dockerfile.indexOf("COPY pyproject.toml uv.lock") < dockerfile.indexOf("COPY src/"));
    }
  });
});
