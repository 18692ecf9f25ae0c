import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyArgs } from "../../../server/src/engine/analysis/copyArgs";
import { copyOperands } from "../../../server/src/engine/analysis/instructions";
import { DockerfileModel } from "../../../server/src/engine/model/dockerfile";

function copyOf(text: string) {
  const model = new DockerfileModel("/w/Dockerfile", text);
  const ins = model.instructions.find((i) => i.keyword === "COPY" || i.keyword === "ADD");
  assert.ok(ins);
  return { model, ins };
}

describe("copyOperands / copyArgs", () => {
  it("shell form: quotes removed, last operand is the destination", () => {
    const { model, ins } = copyOf('FROM x\nCOPY "a" c /app/\n');
    const ops = copyOperands(ins, model);
    assert.deepEqual(
      ops?.sources.map((s) => s.value),
      ["a", "c"],
    );
    assert.equal(ops?.dest.value, "/app/");
  });
  it("JSON form over a continuation line", () => {
    const { model, ins } = copyOf('FROM x\nCOPY ["a b", \\\n  "/app/"]\n');
    const ops = copyOperands(ins, model);
    assert.equal(ops?.isJsonForm, true);
    assert.equal(ops?.dest.value, "/app/");
    assert.deepEqual(ops?.dest.range.start, { line: 2, character: 2 });
  });
  it("heredoc: the body is not read as operands", () => {
    const { model, ins } = copyOf("FROM x\nCOPY <<EOF /etc/motd\nhello world\nEOF\n");
    const ops = copyOperands(ins, model);
    assert.equal(ops?.dest.value, "/etc/motd");
    assert.equal(ops?.hasHeredoc, true);
    assert.equal(copyArgs(model, ins), undefined, "no source paths, only an inline file");
  });
  it("heredoc next to a path source", () => {
    const { model, ins } = copyOf("FROM x\nCOPY <<EOF app.py /app/\nprint(1)\nEOF\n");
    assert.deepEqual(
      copyArgs(model, ins)?.sources.map((s) => s.value),
      ["app.py"],
    );
  });
});
