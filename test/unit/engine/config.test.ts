/**
 * Configuration: the one config-file lookup (nearest file up to the repository root), and typed rule options —
 * a value of the wrong type is reported as a configuration error and never reaches the rule.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { optionProblems, optionTypeProblem, resolveRuleSetting } from "../../../server/src/engine/config";
import { findConfigFile } from "../../../server/src/engine/configLookup";
import { lint } from "../../../server/src/engine/linter";
import { allRules, ruleById } from "../../../server/src/engine/rules";
import type { RuleOptionType } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";
import { runRule } from "../helpers/ruleTester";

const off = (id: string) => JSON.stringify({ rules: { [id]: "off" } });

describe("config file lookup", () => {
  const fs = memoryFs({
    "/repo/.git/HEAD": "ref: main\n",
    "/repo/.shipshape.json": off("a"),
    "/repo/svc/.shipshape.json": off("b"),
    "/repo/svc/deep/Dockerfile": "",
    "/repo/other/Dockerfile": "",
    "/.shipshape.json": off("outside"),
    "/loose/Dockerfile": "",
    "/repo/alt/shipshape.config.json": off("c"),
  });
  it("takes the nearest file above the linted file", () => {
    assert.equal(findConfigFile("/repo/svc/deep/Dockerfile", fs)?.path, "/repo/svc/.shipshape.json");
    assert.equal(findConfigFile("/repo/other/Dockerfile", fs)?.path, "/repo/.shipshape.json");
    assert.equal(findConfigFile("/repo/alt/Dockerfile", fs)?.path, "/repo/alt/shipshape.config.json");
  });
  it("stops at the repository root", () => {
    const noRootConfig = memoryFs({ "/repo/.git/HEAD": "", "/.shipshape.json": off("x"), "/repo/Dockerfile": "" });
    assert.equal(findConfigFile("/repo/Dockerfile", noRootConfig), undefined);
  });
  it("outside a repository, goes up to the file system root", () => {
    assert.equal(findConfigFile("/loose/Dockerfile", fs)?.path, "/.shipshape.json");
  });
  it("reports a broken file as problems, not an exception", () => {
    const broken = findConfigFile("/x/Dockerfile", memoryFs({ "/x/.shipshape.json": "{ nope" }));
    assert.match(broken?.problems.join() ?? "", /not valid JSON/);
  });
});

const SAMPLE: Record<RuleOptionType, unknown> = {
  boolean: true,
  number: 3,
  string: "x",
  "string[]": ["x"],
  record: { "org.example": "text" },
};
const WRONG: unknown[] = ["latest", 7, true, null, ["a", 1], { a: 1 }, [], {}];

describe("typed rule options", () => {
  const withOptions = allRules.filter((r) => Object.keys(r.meta.options ?? {}).length > 0);

  it("every option declares a type, and its default has that type", () => {
    assert.ok(withOptions.length >= 5);
    for (const rule of withOptions)
      for (const [name, option] of Object.entries(rule.meta.options ?? {}))
        assert.equal(
          optionTypeProblem(option, option.default),
          undefined,
          `${rule.meta.id} ${name}: default ${JSON.stringify(option.default)}`,
        );
  });

  it('"allowedTags": "latest" is a configuration error, and compose/pin-image runs with its default instead of throwing', () => {
    const rule = ruleById("compose/pin-image");
    assert.ok(rule);
    const config = { rules: { "compose/pin-image": { options: { allowedTags: "latest" } } } };
    assert.deepEqual(optionProblems(config, allRules), [
      'compose/pin-image: option "allowedTags": expected a list of strings, e.g. ["a", "b"], got "latest"',
    ]);
    assert.deepEqual(resolveRuleSetting(rule, config).options, { allowedTags: [] });
    const { findings } = runRule(rule, { code: "services:\n  web:\n    image: nginx:latest\n", options: { allowedTags: "latest" } });
    assert.equal(findings.length, 1, "the default (no allowed tags) applies");
  });

  it("a value of the right type is passed through", () => {
    const rule = ruleById("compose/pin-image");
    assert.ok(rule);
    const { findings } = runRule(rule, { code: "services:\n  web:\n    image: node:lts\n", options: { allowedTags: ["lts"] } });
    assert.equal(findings.length, 0);
  });

  it("no rule throws on any wrongly typed value of any of its options (each reported as a problem)", () => {
    for (const rule of withOptions) {
      const example = rule.meta.examples[0];
      for (const [name, option] of Object.entries(rule.meta.options ?? {})) {
        for (const value of WRONG) {
          if (optionTypeProblem(option, value) === undefined) continue;
          const config = { rules: { [rule.meta.id]: { severity: "warning" as const, options: { [name]: value } } } };
          assert.equal(optionProblems(config, allRules).length, 1, `${rule.meta.id} ${name}=${JSON.stringify(value)} is reported`);
          assert.doesNotThrow(
            () =>
              lint({
                path: `/w/${example?.fileName ?? (rule.meta.kind === "compose" ? "compose.yml" : rule.meta.kind === "dockerignore" ? ".dockerignore" : "Dockerfile")}`,
                text: example?.bad ?? "",
                kind: rule.meta.kind,
                fs: memoryFs({}),
                rules: [rule],
                config,
                throwOnRuleError: true,
              }),
            `${rule.meta.id} ${name}=${JSON.stringify(value)}`,
          );
        }
        assert.equal(optionTypeProblem(option, SAMPLE[option.type]), undefined, `${option.type} sample accepted`);
      }
    }
  });

  it("an option a rule does not have is reported with the ones it has", () => {
    assert.deepEqual(optionProblems({ rules: { "compose/pin-image": { options: { allowedTag: [] } } } }, allRules), [
      'compose/pin-image: no option "allowedTag" (options: allowedTags)',
    ]);
  });
});
