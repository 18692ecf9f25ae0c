import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateHardenedDockerfile } from "../../../server/src/engine/generators/hardenedDockerfile";
import { readProjectFacts } from "../../../server/src/engine/generators/projectFacts";
import { projectFs, readProject, rootOf } from "./helpers";

describe("generateHardenedDockerfile", () => {
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
