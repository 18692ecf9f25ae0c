import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { schemaDescription, validateComposeSchema } from "../../../server/src/engine/analysis/composeSchema";
import { ComposeFileModel } from "../../../server/src/engine/model/compose";

describe("compose schema", () => {
  it("describes keys for hovers", () => {
    assert.match(schemaDescription(["services", "api", "healthcheck"]) ?? "", /health/i);
    assert.match(schemaDescription(["services", "api", "depends_on"]) ?? "", /dependenc/i);
    assert.match(schemaDescription(["name"]) ?? "", /project name/i);
    assert.equal(schemaDescription(["services", "api", "no_such_key"]), undefined);
  });

  it("combines the failed branches of a oneOf into one message on the value", () => {
    const f = new ComposeFileModel("/ws/compose.yml", "services:\n  api:\n    build: 5\n");
    const problems = validateComposeSchema(f);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? "", /string or a mapping/);
    assert.deepEqual(problems[0]?.range.start, { line: 2, character: 11 });
  });

  it("suggests the key a typo meant", () => {
    const f = new ComposeFileModel("/ws/compose.yml", "services:\n  api:\n    image: a:1\n    enviroment: {}\n");
    assert.match(validateComposeSchema(f)[0]?.message ?? "", /did you mean `environment`/);
  });
});
