import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../../server/src/engine/linter";
import { applyEdits } from "../../../server/src/engine/text";

/** Docker splits Dockerfile lines at LF only (CRLF counts as LF); a lone CR joins lines for `docker build`. */
const lintDockerfile = (text: string) => lint({ path: "/w/Dockerfile", text, kind: "dockerfile", throwOnRuleError: true }).findings;
const loneCr = (text: string) => lintDockerfile(text).filter((f) => f.ruleId === "shipshape/line-breaks");

describe("shipshape/line-breaks (Dockerfile lone CR)", () => {
  it("fires once, as an error at the first lone CR, on a CR-only and a mixed file", () => {
    for (const text of ["FROM alpine:3.20\rRUN echo hi\r", 'FROM alpine:3.20\nRUN echo hi\rCMD ["sh"]\r\n']) {
      const found = loneCr(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.severity, "error");
      assert.match(found[0]?.message ?? "", /lone CR/);
      assert.deepEqual(found[0]?.range.start, {
        line: text.startsWith("FROM alpine:3.20\r") ? 0 : 1,
        character: text.startsWith("FROM alpine:3.20\r") ? 16 : 11,
      });
    }
  });

  it("does not fire on LF, CRLF, a trailing lone CR or a lone CR before only spaces", () => {
    for (const text of [
      "FROM alpine:3.20\nRUN echo hi\n",
      "FROM alpine:3.20\r\nRUN echo hi\r\n",
      "FROM alpine:3.20\nRUN echo hi\r",
      "FROM alpine:3.20\r  \nRUN x\n",
    ])
      assert.deepEqual(loneCr(text), [], JSON.stringify(text));
  });

  it("its fix (a suggestion, not applied by --fix) gives LF line breaks, and the result lints without it", () => {
    const text = 'FROM alpine:3.20\rRUN echo hi\r\nCMD ["sh"]\r';
    const fix = loneCr(text)[0]?.fixes[0];
    assert.ok(fix);
    assert.equal(fix.safe, false);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, 'FROM alpine:3.20\nRUN echo hi\r\nCMD ["sh"]\n');
    assert.deepEqual(loneCr(fixed), []);
  });

  it("compose files are YAML, where a lone CR is a line break: no such finding", () => {
    const findings = lint({ path: "/w/compose.yaml", text: "services:\r  web:\r    image: nginx:1.27\r", kind: "compose" }).findings;
    assert.ok(!findings.some((f) => f.ruleId === "shipshape/line-breaks" || f.ruleId === "compose/yaml-syntax"), JSON.stringify(findings));
  });
});
