import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { lint } from "../../../server/src/engine/linter";
import { DockerfileModel } from "../../../server/src/engine/model/dockerfile";
import { clearDockerfileParses, parseDockerfile, shareDockerfileParses } from "../../../server/src/engine/model/dockerfileParse";
import { memoryFs } from "../../../server/src/engine/workspace";

const TEXT = "FROM alpine:3.20\nARG V=1\nENV A=$V B=${V}\nRUN echo $A\nFOO bar\n";

describe("dockerfileParse: one parse per Dockerfile text", () => {
  it("gives the same tree for the same text and another for another text", () => {
    clearDockerfileParses();
    const a = parseDockerfile(TEXT);
    assert.equal(parseDockerfile(TEXT), a);
    assert.equal(parseDockerfile(`${TEXT}`.slice(0)), a, "an equal string from elsewhere");
    assert.notEqual(parseDockerfile(TEXT + "# x\n"), a);
  });

  it("keeps a bounded number of trees", () => {
    clearDockerfileParses();
    const first = parseDockerfile(TEXT);
    for (let i = 0; i < 20; i++) parseDockerfile(`${TEXT}# ${i}\n`);
    assert.notEqual(parseDockerfile(TEXT), first, "the oldest was dropped");
  });

  it("shared with the libraries, the answers stay those of a fresh parse (the model's memoized methods included)", () => {
    const fresh = validate(TEXT);
    shareDockerfileParses();
    clearDockerfileParses();
    const model = new DockerfileModel("/w/Dockerfile", TEXT);
    assert.equal(DockerfileParser.parse(TEXT), model.ast, "the libraries get the model's tree");
    assert.deepEqual(validate(TEXT), fresh);
    const ins = model.ast.getInstructions();
    assert.deepEqual(
      ins.map((i) => i.getVariables().map((v) => v.getName())),
      [[], [], ["V", "V"], ["A"], []],
    );
    // a copy each time: a caller that changes the array changes nobody else's
    ins[2]?.getVariables().pop();
    assert.equal(ins[2]?.getVariables().length, 2);
    const findings = (t: string) =>
      lint({ path: "/w/Dockerfile", text: t, fs: memoryFs({}) }).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
    assert.deepEqual(findings(TEXT), findings(TEXT), "a second lint of the same tree finds the same");
  });
});
