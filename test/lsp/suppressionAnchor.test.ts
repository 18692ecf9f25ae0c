import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ComposeFileModel } from "../../server/src/engine/model/compose";
import { DockerfileModel } from "../../server/src/engine/model/dockerfile";
import { suppressionAnchor } from "../../server/src/services/suppressionAnchor";

function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

describe("suppression comment placement", () => {
  it("Dockerfile: above the first line of a continued instruction", () => {
    const text = "FROM alpine:3.20\n  RUN apk add \\\n      curl \\\n      git\n";
    const m = new DockerfileModel("/w/Dockerfile", text);
    assert.deepEqual(suppressionAnchor(m, m.lines, at(text, "git")), { line: 1, indent: "  " });
  });

  it("compose: above the key whose block scalar holds the finding, never inside the scalar", () => {
    const text = "services:\n  web:\n    command: |\n      uvicorn app:app\n      --reload\n";
    const m = new ComposeFileModel("/w/compose.yaml", text);
    assert.deepEqual(suppressionAnchor(m, m.lines, at(text, "--reload")), { line: 2, indent: "    " });
  });

  it("compose: above the sequence item, indented like it", () => {
    const text = "services:\n  db:\n    ports:\n      - 5432:5432\n      - 8080:80\n";
    const m = new ComposeFileModel("/w/compose.yaml", text);
    assert.deepEqual(suppressionAnchor(m, m.lines, at(text, "8080")), { line: 4, indent: "      " });
  });

  it("compose: above a nested key inside a list of maps", () => {
    const text = "services:\n  web:\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n";
    const m = new ComposeFileModel("/w/compose.yaml", text);
    assert.deepEqual(suppressionAnchor(m, m.lines, at(text, "/var/run")), { line: 4, indent: "        " });
  });
});
