/** The build context the image model reads (analysis/buildContext.ts): when it is known, and what COPY brings in. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BUILD_CONTEXT_READS,
  buildContextOf,
  contextPresence,
  isContextManifest,
} from "../../../../server/src/engine/analysis/buildContext";
import { imageStateAt } from "../../../../server/src/engine/analysis/dockerfileFacts";
import { lint } from "../../../../server/src/engine/linter";
import { DockerfileModel } from "../../../../server/src/engine/model/dockerfile";
import { matchesNameGlob } from "../../../../server/src/engine/watch";
import { emptyFs, memoryFs } from "../../../../server/src/engine/workspace";

function model(text: string, files: Record<string, string> | undefined, path = "/p/Dockerfile"): DockerfileModel {
  const m = new DockerfileModel(path, text);
  if (files) m.workspace = memoryFs({ [path]: text, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/p/${k}`, v])) });
  return m;
}

/** The image at the end of the last stage. */
function image(text: string, files?: Record<string, string>) {
  const m = model(text, files);
  return imageStateAt(m, m.finalStage as NonNullable<typeof m.finalStage>);
}

describe("build context", () => {
  it("is known when the Dockerfile's folder has every plain source it copies", () => {
    assert.ok(buildContextOf(model("FROM alpine:3.22\nCOPY app.py /app/\n", { "app.py": "" })));
    assert.ok(
      buildContextOf(model("FROM alpine:3.22\nCOPY . /app/\n", { ".dockerignore": ".git\n", "a.py": "" })),
      "an ignore file marks a context",
    );
  });
  it("is unknown without a workspace, for a folder the workspace does not have, or for sources elsewhere", () => {
    assert.equal(buildContextOf(model("FROM alpine:3.22\nCOPY app.py /app/\n", undefined)), undefined);
    const m = new DockerfileModel("/p/Dockerfile", "FROM alpine:3.22\nCOPY app.py /app/\n");
    m.workspace = emptyFs;
    assert.equal(buildContextOf(m), undefined, "standard input or an unsaved file: no folder");
    assert.equal(buildContextOf(model("FROM alpine:3.22\nCOPY pyproject.toml /app/\n", { "other.txt": "" })), undefined);
    assert.equal(
      buildContextOf(model("FROM alpine:3.22\nCOPY . /app/\n", { "a.py": "" })),
      undefined,
      "nothing shows the folder is the context",
    );
    // variables and wildcards do not decide
    assert.ok(buildContextOf(model("FROM alpine:3.22\nCOPY $SRC a.py req*.txt /app/\n", { "a.py": "" })));
  });
  it("presence honours .dockerignore (exceptions included) and a Dockerfile's own ignore file", () => {
    const files = { "a.py": "", "uv.lock": "", "docs/keep.md": "", "docs/drop.md": "", ".dockerignore": "*.lock\ndocs\n!docs/keep.md\n" };
    const ctx = buildContextOf(model("FROM alpine:3.22\nCOPY a.py /app/\n", files));
    assert.deepEqual(
      ["a.py", "uv.lock", "docs/keep.md", "docs/drop.md", "missing.txt"].map((p) => contextPresence(ctx, p)),
      ["yes", "no", "yes", "no", "no"],
    );
    assert.equal(contextPresence(undefined, "a.py"), "maybe");
    const own = buildContextOf(
      model("FROM alpine:3.22\nCOPY a.py /app/\n", { "a.py": "", "Dockerfile.dockerignore": "a.py\n", ".dockerignore": "" }),
    );
    assert.equal(contextPresence(own, "a.py"), "no");
  });
  it("the image model: what COPY brings in from the context", () => {
    const files = { "pyproject.toml": "", "uv.lock": "", "src/app/main.py": "", "README.md": "", ".dockerignore": "README.md\n" };
    const s = image("FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock* ./\nCOPY src/ ./src/\nCOPY . /all\n", files);
    assert.equal(s.contextKnown, true);
    for (const p of ["/app/pyproject.toml", "/app/uv.lock", "/app/src/app/main.py", "/all/src/app/main.py", "/all/uv.lock"])
      assert.equal(s.fromContext(p), "yes", p);
    for (const p of ["/app/README.md", "/all/README.md", "/app/src/src", "/elsewhere/uv.lock", "/app/missing.py"])
      assert.equal(s.fromContext(p), "no", p);
    // a single file to a destination without a slash: the destination itself, or inside an existing folder of that name
    assert.equal(image("FROM python:3.13-slim\nCOPY uv.lock /app/uv.lock\n", files).fromContext("/app/uv.lock"), "yes");
  });
  it("the image model: unknown context, a copy may bring anything under its destination, nothing elsewhere", () => {
    const s = image("FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n");
    assert.equal(s.contextKnown, false);
    assert.equal(s.fromContext("/app/uv.lock"), "maybe");
    assert.equal(s.fromContext("/srv/uv.lock"), "no");
    assert.equal(
      image("FROM python:3.13-slim\nCOPY . $DEST\n").fromContext("/srv/uv.lock"),
      "maybe",
      "a destination with an unknown variable",
    );
  });
  it("what the context rules declare as read is what decides them (the editor watches these names)", () => {
    for (const glob of BUILD_CONTEXT_READS) assert.ok(isContextManifest(glob.replace("*", "-dev")), glob);
    for (const name of ["uv.lock", "requirements-dev.txt", "package-lock.json", "Gemfile.lock"])
      assert.ok(
        BUILD_CONTEXT_READS.some((g) => matchesNameGlob(name, g)),
        name,
      );
    assert.ok(!isContextManifest("main.py"));
  });
  it("the linter hands its workspace to the model", () => {
    const fs = memoryFs({ "/p/Dockerfile": "", "/p/app.py": "" });
    const r = lint({ path: "/p/Dockerfile", text: "FROM alpine:3.22\nCOPY app.py /app/\n", kind: "dockerfile", fs, rules: [] });
    assert.ok(r.model instanceof DockerfileModel && buildContextOf(r.model));
    const none = lint({ path: "/p/Dockerfile", text: "FROM alpine:3.22\nCOPY app.py /app/\n", kind: "dockerfile", rules: [] });
    assert.equal(buildContextOf(none.model as DockerfileModel), undefined);
  });
});
