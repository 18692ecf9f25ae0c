import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkConfigText, closestRuleId } from "../../../server/src/engine/configCheck";

const at = (text: string, needle: string) => {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
};

describe(".shipshape.json problems with their place in the file", () => {
  it("an unknown rule id is a warning on its key, with the closest rule suggested", () => {
    const text = '{\n  "rules": {\n    "dockerfile/pin-base-imag": "warning"\n  }\n}\n';
    const [p, ...rest] = checkConfigText(text);
    assert.equal(rest.length, 0);
    assert.ok(p);
    assert.equal(p.severity, "warning");
    assert.deepEqual(p.range.start, at(text, '"dockerfile/pin-base-imag"'));
    assert.match(p.message, /not a Shipshape rule.*did you mean "dockerfile\/pin-base-image"/);
  });

  it("an invalid severity is an error on the value, in both forms", () => {
    const text = '{ "rules": { "dockerfile/pin-base-image": "loud", "compose/pin-image": { "severity": "warn" } } }';
    const problems = checkConfigText(text);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.range.start.character]),
      [
        ["error", text.indexOf('"loud"')],
        ["error", text.indexOf('"warn"')],
      ],
    );
    assert.match(problems[0]?.message ?? "", /"loud" is not a severity: use one of "error", "warning", "info", "hint", "off"/);
  });

  it("an unknown option of a rule is a warning naming the options it has", () => {
    const text = '{ "rules": { "dockerfile/pin-base-image": { "options": { "nope": 1 } } } }';
    const problems = checkConfigText(text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0]?.message ?? "", /has no option "nope"/);
  });

  it("text that is not JSON is one error where the parser stopped; a valid file has no problems", () => {
    const broken = '{\n  "rules": {\n    "dockerfile/pin-base-image": "warning",\n  }\n}\n';
    const problems = checkConfigText(broken);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.severity, "error");
    assert.match(problems[0]?.message ?? "", /not valid JSON/);
    assert.equal(problems[0]?.range.start.line, 3);
    assert.deepEqual(
      checkConfigText(
        '{ "rules": { "dockerfile/pin-base-image": "off", "compose/pin-image": { "severity": "info" } }, "failureThreshold": "error" }',
      ),
      [],
    );
    assert.equal(checkConfigText('{ "failureThreshold": "sometimes" }')[0]?.severity, "error");
  });

  it("suggests nothing for a name far from every rule", () => {
    assert.equal(closestRuleId("compose/completely-different-thing"), undefined);
    assert.equal(closestRuleId("docker/pin-base-image"), "dockerfile/pin-base-image");
  });
});
