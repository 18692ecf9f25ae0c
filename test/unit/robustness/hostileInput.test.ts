/**
 * Regression tests for the hostile-input classes of issue 9, each reproduced through `lint()` with every rule
 * on: merge-key bombs and cycles, deep nesting (also in a neighbour file), error-dense YAML, a rule that built
 * a regular expression from a name in the file, and a fix that did not remove its finding.
 */
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { describe, it } from "node:test";
import type { ShipshapeConfig } from "../../../server/src/engine/config";
import { fixToFixedPoint } from "../../../server/src/engine/fixes";
import { BUDGET_RULE_ID, MAX_CHARS_BY_KIND, SKIPPED_FILE_RULE_ID, lint } from "../../../server/src/engine/linter";
import { ComposeFileModel, MAX_MERGED_MAPS } from "../../../server/src/engine/model/compose";
import { allRules } from "../../../server/src/engine/rules";
import { memoryFs } from "../../../server/src/engine/workspace";

const ALL_ON: ShipshapeConfig = {
  rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity === "off" ? "warning" : r.meta.defaultSeverity])),
};
// a hang is minutes; a loaded 2-core CI machine may be slow, so the bound is loose
const LIMIT_MS = 5_000;

function timedLint(path: string, text: string, files: Record<string, string> = {}) {
  const started = performance.now();
  const result = lint({ path, text, fs: memoryFs({ ...files, [path]: text }), config: ALL_ON, throwOnRuleError: true });
  const ms = performance.now() - started;
  assert.ok(ms < LIMIT_MS, `lint took ${Math.round(ms)} ms`);
  return result;
}

/** Eight levels of anchors, each merging the previous one nine times (9^8 maps if expanded naively). */
function mergeBomb(): string {
  const lines = ["x-m0: &m0 {a0: 1}"];
  for (let i = 1; i <= 8; i++)
    lines.push(
      `x-m${i}: &m${i} {<<: [${Array(9)
        .fill(`*m${i - 1}`)
        .join(", ")}], a${i}: 1}`,
    );
  lines.push("services:", "  web:", "    <<: *m8", "    image: nginx:1.27");
  return lines.join("\n") + "\n";
}

describe("merge keys: bounded and cycle-safe", () => {
  it("a merge bomb lints quickly and its merged keys are still seen", () => {
    const text = mergeBomb();
    const r = timedLint("/p/compose.yaml", text);
    // the merged keys a0…a8 reach the service: the schema sees them
    assert.ok(r.findings.some((f) => f.ruleId === "compose/schema" && /`a0`/.test(f.message)));
    const model = new ComposeFileModel("/p/compose.yaml", text);
    const web = model.service("web")?.node;
    assert.ok(web);
    assert.equal(model.scalar(web, "a0"), "1");
    assert.equal(model.mergeChain(web).length, 10, "each of the nine anchors once, plus the service");
  });

  it("a map that merges itself, and a cycle of anchors, end", () => {
    const self = "x-a: &a {<<: [*a, *a], k: v}\nservices:\n  web:\n    <<: *a\n    image: x:1\n";
    const r = timedLint("/p/compose.yaml", self);
    assert.ok(!r.findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID));
    // in `yaml`, an alias to the anchor being defined resolves to that map: a true cycle
    const model = new ComposeFileModel("/p/compose.yaml", self);
    const web = model.service("web")?.node;
    assert.equal(model.scalar(web, "k"), "v");
    assert.equal(model.scalar(web, "missing"), undefined);
  });

  it("nearest wins: the map's own key, then earlier sources, then a source's own merges", () => {
    const text =
      "x-c: &c {k: from-c, j: from-c}\nx-a: &a {<<: *c, k: from-a}\nx-b: &b {k: from-b, j: from-b, i: from-b}\nservices:\n  web:\n    <<: [*a, *b]\n    image: x:1\n";
    const model = new ComposeFileModel("/p/compose.yaml", text);
    const web = model.service("web")?.node;
    assert.equal(model.scalar(web, "k"), "from-a");
    assert.equal(model.scalar(web, "j"), "from-c", "a's merge of c comes before b");
    assert.equal(model.scalar(web, "i"), "from-b");
  });

  it("a merge chain stops at MAX_MERGED_MAPS distinct maps", () => {
    const n = MAX_MERGED_MAPS + 50;
    const lines = Array.from({ length: n }, (_, i) => `x-${i}: &m${i} {k${i}: 1}`);
    lines.push("services:", "  web:", `    <<: [${Array.from({ length: n }, (_, i) => `*m${i}`).join(", ")}]`);
    const model = new ComposeFileModel("/p/compose.yaml", lines.join("\n") + "\n");
    const web = model.service("web")?.node;
    assert.ok(web);
    assert.equal(model.mergeChain(web).length, MAX_MERGED_MAPS);
  });
});

describe("deep nesting", () => {
  const deep = "services:\n  web:\n    image: nginx:1.27\nx-deep:\n  " + "- ".repeat(5000) + "x\n";

  it("thousands of compact block sequences give one clear syntax finding", () => {
    const r = timedLint("/p/compose.yaml", deep);
    assert.ok(r.findings.some((f) => f.ruleId === "compose/yaml-syntax" && /nested deeper than/.test(f.message)));
  });

  it("the same file as a neighbour override does not break the file being linted", () => {
    const base = "services:\n  web:\n    image: nginx:1.27\n";
    const r = timedLint("/p/compose.yaml", base, { "/p/compose.override.yaml": deep });
    assert.deepEqual(r.ruleErrors, []);
    assert.ok(!r.findings.some((f) => f.ruleId === SKIPPED_FILE_RULE_ID));
  });

  it("a YAML file with 100,000 syntax errors is reported, not a stack overflow", () => {
    const text = "]\n".repeat(100_000);
    const r = lint({ path: "/p/compose.yaml", text, config: ALL_ON, throwOnRuleError: true });
    assert.ok(r.findings.some((f) => f.ruleId === "compose/yaml-syntax"));
    assert.deepEqual(r.ruleErrors, []);
  });
});

describe("size limits per kind", () => {
  for (const [kind, name] of [
    ["dockerfile", "Dockerfile"],
    ["compose", "compose.yaml"],
    ["dockerignore", ".dockerignore"],
  ] as const) {
    it(`a ${kind} over its limit is skipped with one finding`, () => {
      const text = "# x\n".repeat(Math.ceil((MAX_CHARS_BY_KIND[kind] + 10) / 4));
      const r = timedLint(`/p/${name}`, text);
      assert.deepEqual(
        r.findings.map((f) => f.ruleId),
        [SKIPPED_FILE_RULE_ID],
      );
      assert.match(r.findings[0]?.message ?? "", /larger than/);
    });
  }
});

describe("patterns built from names in the file are escaped", () => {
  it("an ENV with thousands of self-references stays linear (one split fix per instruction, not one per reference)", () => {
    // 3,000 variables, each referring to the first one: found by the 100,000-mutant run, where building the
    // split fix again for every reference made one 148 KB Dockerfile take over a minute with its fixes re-linted
    const props = Array.from({ length: 3000 }, (_, i) => (i === 0 ? "V0=x" : `V${i}=$V0`));
    const text = `FROM alpine:3.22\nENV ${props.join(" \\\n    ")}\n`;
    const r = timedLint("/p/Dockerfile", text);
    const self = r.findings.filter((f) => f.ruleId === "dockerfile/env-self-reference");
    assert.equal(self.length, 2999);
    assert.ok(
      self.every((f) => f.fixes === self[0]?.fixes),
      "one fix object shared by the instruction's findings",
    );
  });

  it("ARG (_TOKEN does not make secrets-in-build-args throw", () => {
    const r = timedLint("/p/Dockerfile", "FROM alpine:3.20\nARG (_TOKEN\nARG [X_SECRET+\nRUN echo $(_TOKEN ${[X_SECRET+}\n");
    assert.deepEqual(r.ruleErrors, []);
  });

  it("no rule source builds a RegExp from an unescaped interpolation", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts")) {
          const src = readFileSync(p, "utf8");
          for (const m of src.matchAll(/new RegExp\(\s*`([^`]*)`/g)) {
            for (const sub of (m[1] as string).matchAll(/\$\{([^}]*)\}/g)) {
              const expr = (sub[1] as string).trim();
              // constants written in the source (UPPER_CASE) are fine; anything else must go through escapeRegExp
              if (!/^escapeRegExp\(/.test(expr) && !/^[A-Z][A-Z0-9_]*$/.test(expr) && !/^n$/.test(expr))
                offenders.push(`${p}: \${${expr}}`);
            }
          }
        }
      }
    };
    walk("server/src");
    assert.deepEqual(offenders, []);
  });
});

describe("fixes converge", () => {
  it("apt-lists-cleanup offers no fix after an unterminated quote (the text would land inside it)", () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl "\n';
    const r = timedLint("/p/Dockerfile", text);
    const f = r.findings.find((x) => x.ruleId === "dockerfile/apt-lists-cleanup");
    assert.ok(f, "the finding is still reported");
    assert.deepEqual(f.fixes, []);
    const run = fixToFixedPoint({ path: "/p/Dockerfile", text, config: ALL_ON });
    assert.deepEqual(run.failures, []);
    assert.ok(run.converged);
  });
});

describe("time budget per document", () => {
  it("once spent, the remaining rules are skipped and one finding names them", () => {
    let clock = 0;
    const r = lint({
      path: "/p/Dockerfile",
      text: "FROM python\nMAINTAINER me\n",
      config: ALL_ON,
      budgetMs: 100,
      // every reading of the clock is 60 ms later: the budget runs out after the second rule
      now: () => (clock += 60),
    });
    const budget = r.findings.filter((f) => f.ruleId === BUDGET_RULE_ID);
    assert.equal(budget.length, 1);
    assert.match(budget[0]?.message ?? "", /stopped checking this file after 100 ms; \d+ rules did not run: dockerfile\//);
    assert.ok(
      r.findings.length < lint({ path: "/p/Dockerfile", text: "FROM python\nMAINTAINER me\n", config: ALL_ON }).findings.length + 1,
    );
  });

  it("without a budget every rule runs", () => {
    const r = lint({ path: "/p/Dockerfile", text: "FROM python\n", config: ALL_ON });
    assert.ok(!r.findings.some((f) => f.ruleId === BUDGET_RULE_ID));
  });
});
