import { rule } from "../../../../server/src/engine/rules/dockerfile/apt-no-install-recommends";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    F + "RUN apt-get install --no-install-recommends python\n",
    F + "RUN apt-get -o APT::Install-Recommends=false install python\n",
    F + "RUN apt-get update && apt-get upgrade -y\n",
  ],
  invalid: [
    { name: "`apt install` is checked too", code: F + "RUN apt install -y curl\n", errors: [{ messageId: "recommends" }] },
    {
      name: "exec form",
      code: 'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ messageId: "recommends" }],
      output: 'FROM debian\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
    },
    {
      code: F + "RUN «apt-get install» python\n",
      errors: [{ messageId: "recommends" }],
      output: F + "RUN apt-get install --no-install-recommends python\n",
    },
    {
      name: "-y before install",
      code: F + "RUN apt-get -y install python\n",
      errors: [{ messageId: "recommends" }],
      output: F + "RUN apt-get -y install --no-install-recommends python\n",
    },
    { name: "ONBUILD", code: F + "ONBUILD RUN apt-get install -y python\n", errors: [{ messageId: "recommends", column: 13 }] },
  ],
});

describe("dockerfile/apt-no-install-recommends fix safety", () => {
  it("the fix is offered but not safe (recommended packages may be needed)", () => {
    assert.deepEqual(
      runRule(rule, { code: F + "RUN apt-get install -y python3\n" }).findings.map((f) => f.fixes[0]?.safe),
      [false],
    );
  });
});
