/**
 * The engine's one fix selector and applier (used by `--fix`, "Fix all" and refine): the overlap rule, the
 * convergence check (a fix that leaves its own finding is reported and not applied), fixed points and other files.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editsOverlap, fixToFixedPoint, selectFixes, singleEdit } from "../../../server/src/engine/fixes";
import { dockerfileRule } from "../../../server/src/engine/rule";
import { LineIndex, applyEdits } from "../../../server/src/engine/text";
import type { Finding, Fix } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";

const meta = (id: string) => ({
  id,
  category: "maintainability" as const,
  defaultSeverity: "warning" as const,
  fixable: true,
  fixKinds: ["safe" as const, "suggestion" as const],
  summary: "test rule",
  rationale: "test rule",
  examples: [],
  equivalents: [],
  messages: { m: "{{what}}" },
});

/** Reports every line that is `bad` and offers to replace it with `good`. */
const replaceBad = dockerfileRule({
  meta: meta("test/replace-bad"),
  check({ lines, report }) {
    for (let l = 0; l < lines.lineCount; l++) {
      if (lines.lineText(l) !== "bad") continue;
      const range = { start: { line: l, character: 0 }, end: { line: l, character: 3 } };
      report({
        messageId: "m",
        range,
        data: { what: "bad" },
        fixes: [{ title: "make it good", safe: true, edits: [{ range, newText: "good" }] }],
      });
    }
  },
});

/** A broken fix: appends text that does not make the finding go away (the apt-lists-cleanup bug's shape). */
const neverConverges = dockerfileRule({
  meta: meta("test/never"),
  check({ lines, report }) {
    for (let l = 0; l < lines.lineCount; l++) {
      if (!lines.lineText(l).startsWith("loop")) continue;
      const at = { line: l, character: lines.lineText(l).length };
      report({
        messageId: "m",
        range: { start: { line: l, character: 0 }, end: { line: l, character: 4 } },
        data: { what: "loop" },
        fixes: [{ title: "append", safe: true, edits: [{ range: { start: at, end: at }, newText: " x" }] }],
      });
    }
  },
});

/** "good" lines want a trailing "!" (a fix exposed by another fix: needs a second pass). */
const exclaim = dockerfileRule({
  meta: meta("test/exclaim"),
  check({ lines, report }) {
    for (let l = 0; l < lines.lineCount; l++) {
      if (lines.lineText(l) !== "good") continue;
      const at = { line: l, character: 4 };
      report({
        messageId: "m",
        range: { start: { line: l, character: 0 }, end: at },
        data: { what: "good" },
        fixes: [{ title: "exclaim", safe: true, edits: [{ range: { start: at, end: at }, newText: "!" }] }],
      });
    }
  },
});

/** Creates NOTES when missing (a change to another file). */
const notes = dockerfileRule({
  meta: meta("test/notes"),
  check({ fs, report }) {
    if (fs.exists("/p/NOTES")) return;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    report({
      messageId: "m",
      range,
      data: { what: "notes" },
      fixes: [{ title: "create NOTES", safe: true, edits: [], changes: [{ path: "/p/NOTES", create: "hi\n" }] }],
    });
  },
});

function finding(fix: Fix, line = 0): Finding {
  return {
    ruleId: "t",
    messageId: "m",
    message: "m",
    severity: "warning",
    category: "maintainability",
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    fixes: [fix],
    file: "/p/Dockerfile",
  };
}
const edit = (line: number, from: number, to: number, newText: string) => ({
  range: { start: { line, character: from }, end: { line, character: to } },
  newText,
});

describe("the overlap rule", () => {
  it("edits that share a character overlap; touching ones do not; two at one point do", () => {
    assert.equal(editsOverlap({ start: 0, end: 5 }, { start: 4, end: 8 }), true);
    assert.equal(editsOverlap({ start: 0, end: 5 }, { start: 5, end: 8 }), false);
    assert.equal(editsOverlap({ start: 3, end: 3 }, { start: 3, end: 3 }), true, "two insertions at one point");
    assert.equal(editsOverlap({ start: 3, end: 3 }, { start: 3, end: 6 }), true, "an insertion where a replacement starts");
    assert.equal(editsOverlap({ start: 6, end: 6 }, { start: 3, end: 6 }), false, "an insertion where a replacement ends");
  });

  it("selection keeps finding order and leaves overlapping fixes for the next pass", () => {
    const text = "abcdef\nghijkl\n";
    const a = finding({ title: "a", safe: true, edits: [edit(0, 0, 3, "X")] });
    const b = finding({ title: "b", safe: true, edits: [edit(0, 2, 4, "Y")] }); // overlaps a
    const c = finding({ title: "c", safe: true, edits: [edit(0, 3, 6, "Z")] }); // touches a
    const d = finding({ title: "d", safe: false, edits: [edit(1, 0, 1, "W")] }); // a suggestion
    const e = finding({ title: "e", safe: true, edits: [edit(1, 0, 2, "1"), edit(1, 1, 3, "2")] }); // malformed
    assert.deepEqual(
      selectFixes(text, [a, b, c, d, e]).map((x) => x.fix.title),
      ["a", "c"],
    );
  });

  it("one fix per other file per pass", () => {
    const change = { path: "/p/.env", edits: [edit(0, 0, 0, "A=1\n")] };
    const a = finding({ title: "a", safe: true, edits: [], changes: [change] });
    const b = finding({ title: "b", safe: true, edits: [], changes: [change] });
    assert.deepEqual(
      selectFixes("x\n", [a, b]).map((x) => x.fix.title),
      ["a"],
    );
  });
});

describe("fixToFixedPoint", () => {
  it("applies fixes to a fixed point, including fixes exposed by earlier ones", () => {
    const r = fixToFixedPoint({ path: "/p/Dockerfile", text: "bad\nok\nbad\n", rules: [replaceBad, exclaim] });
    assert.equal(r.text, "good!\nok\ngood!\n");
    assert.ok(r.converged);
    assert.equal(r.passes, 2);
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.findings, []);
  });

  it("a fix that leaves its own finding is reported once and not applied", () => {
    const text = "loop\nbad\n";
    const r = fixToFixedPoint({ path: "/p/Dockerfile", text, rules: [neverConverges, replaceBad] });
    assert.equal(r.text, "loop\ngood\n", "the other fix still applies; the broken one left no trace");
    assert.deepEqual(
      r.failures.map((f) => [f.ruleId, f.title, f.line]),
      [["test/never", "append", 1]],
    );
    assert.ok(r.converged);
  });

  it("plans other files on an overlay: later passes see them, nothing is written", () => {
    const fs = memoryFs({ "/p/Dockerfile": "bad\n" });
    const r = fixToFixedPoint({ path: "/p/Dockerfile", text: "bad\n", fs, rules: [notes, replaceBad] });
    assert.deepEqual(r.files, [{ path: "/p/NOTES", created: true, text: "hi\n" }]);
    assert.equal(fs.exists("/p/NOTES"), false);
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.findings, []);
  });

  it("stops after maxPasses", () => {
    const r = fixToFixedPoint({ path: "/p/Dockerfile", text: "bad\n", rules: [replaceBad, exclaim] }, { maxPasses: 1 });
    assert.equal(r.text, "good\n");
    assert.equal(r.converged, false);
  });
});

describe("singleEdit", () => {
  it("turns one text into the other with one minimal edit", () => {
    for (const [a, b] of [
      ["FROM a\nRUN x\n", "FROM a\nRUN x && y\n"],
      ["abc", ""],
      ["", "abc"],
      ["same", "same"],
      ["x\r\ny\r\n", "x\r\nz\r\ny\r\n"],
    ] as const) {
      const e = singleEdit(a, b);
      assert.equal(applyEdits(a, [e]), b);
      assert.ok(new LineIndex(a).offsetAt(e.range.end) - new LineIndex(a).offsetAt(e.range.start) <= a.length);
    }
  });
});
