/**
 * Every rule's documented examples behave as labelled: the bad one fires the rule, the good one does not.
 * This keeps hovers and docs (which show these examples) honest.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allRules } from "../../../server/src/engine/rules";
import { runRule } from "../helpers/ruleTester";

describe("rule metadata", () => {
  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      rule.meta.examples.forEach((ex, i) => {
        it(`example ${i + 1}: bad fires`, () => {
          const { findings } = runRule(rule, { code: ex.bad, fileName: ex.fileName, files: ex.files, options: ex.options });
          assert.ok(findings.length > 0, `the bad example should fire:\n${ex.bad}`);
        });
        it(`example ${i + 1}: good passes`, () => {
          const { findings } = runRule(rule, { code: ex.good, fileName: ex.fileName, files: ex.files, options: ex.options });
          assert.deepEqual(
            findings.map((f) => f.message),
            [],
            `the good example should pass:\n${ex.good}`,
          );
        });
      });
      it("has messages, summary, rationale", () => {
        assert.ok(rule.meta.summary.length > 10);
        assert.ok(rule.meta.rationale.length > 20);
        assert.ok(Object.keys(rule.meta.messages).length > 0);
      });
    });
  }
});
