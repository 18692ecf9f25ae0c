import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { lint } from "../../../server/src/engine/linter";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";
import { DockerfileModel } from "../../../server/src/engine/model/dockerfile";
import { suppressionAnchor, suppressionEdit } from "../../../server/src/engine/suppressions";
import { applyEdits, LineIndex } from "../../../server/src/engine/text";

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

/**
 * The comment the "Suppress" quick fix writes is read back by the same module: for every finding on the examples
 * (and on a .dockerignore), the edit removes that finding and adds none.
 */
describe("suppression comments: written, then read back", () => {
  const files: [string, string][] = [
    ["/w/Dockerfile", readFileSync("examples/fastapi-app/Dockerfile", "utf8")],
    ["/w/Dockerfile.dagster", readFileSync("examples/dagster-stack/Dockerfile.dagster", "utf8")],
    ["/w/compose.yml", readFileSync("examples/dagster-stack/compose.yml", "utf8")],
    ["/w/app/compose.yml", readFileSync("examples/fastapi-app/compose.yml", "utf8")],
    ["/w/.dockerignore", "node_modules\n!node_modules\n/\n.git\n"],
    // an ignore comment already above: the id is added to it
    [
      "/w/b/Dockerfile",
      "FROM python:3.13-slim\n# shipshape-ignore dockerfile/other\nMAINTAINER a\nRUN apt-get update && apt-get install -y curl\n",
    ],
  ];
  for (const [path, text] of files) {
    it(path, () => {
      const before = lint({ path, text }).findings.filter((f) => !f.ruleId.startsWith("shipshape/"));
      assert.ok(before.length > 0, `${path} has findings to suppress`);
      const model = path.endsWith(".yml")
        ? new ComposeFileModel(path, text)
        : path.endsWith(".dockerignore")
          ? undefined
          : new DockerfileModel(path, text);
      const lines = model?.lines ?? new LineIndex(text);
      for (const f of before) {
        const after = applyEdits(text, [suppressionEdit(lines, suppressionAnchor(model, lines, f.range.start, f.scope), f.ruleId)]);
        const count = (t: string, id: string) => lint({ path, text: t }).findings.filter((x) => x.ruleId === id).length;
        const was = before.filter((x) => x.ruleId === f.ruleId).length;
        assert.ok(count(after, f.ruleId) < was, `${f.ruleId} at ${f.range.start.line + 1}: still reported after\n${after}`);
        const others = lint({ path, text: after }).findings.filter((x) => x.ruleId !== f.ruleId && !x.ruleId.startsWith("shipshape/"));
        assert.ok(others.length <= before.length - was, `${f.ruleId} at ${f.range.start.line + 1}: the comment added findings`);
      }
    });
  }
});
