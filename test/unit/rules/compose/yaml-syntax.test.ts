import assert from "node:assert/strict";
import { it } from "node:test";
import { MAX_SYNTAX_PROBLEMS, rule } from "../../../../server/src/engine/rules/compose/yaml-syntax";
import { runRule, testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "compose tags", code: "services:\n  web:\n    ports: !reset []\n    command: !override [a]\n" },
    {
      name: "merge keys are not duplicates",
      code: "x-a: &a {restart: always}\nx-b: &b {init: true}\nservices:\n  web:\n    <<: *a\n    <<: *b\n    image: nginx:1.27\n",
    },
    "",
  ],
  invalid: [
    {
      name: "an alias without an anchor: a YAML error at the alias (not a schema error)",
      code: "services:\n  web:\n    image: nginx:1.27\n    environment: «*missing»\n",
      errors: [{ messageId: "syntax" }],
    },
    {
      name: "duplicate key",
      code: "services:\n  web:\n    image: nginx:1.27\n    «image»: nginx:1.26\n",
      errors: [{ messageId: "duplicateKey" }],
    },
    {
      name: "duplicate service",
      code: "services:\n  web:\n    image: a:1\n  «web»:\n    image: b:1\n",
      errors: [{ messageId: "duplicateKey" }],
    },
    { name: "unterminated flow", code: "services:\n  web:\n    image: [nginx\n", errors: [{ messageId: "syntax" }] },
  ],
});

// A template or a broken indent yields dozens of parse errors; a few per file are enough to find the cause.
const TEMPLATED = [
  "services:",
  "  web:",
  "    image: {{ project }}_web",
  "    container_name: {{ project }}_web",
  "    depends_on:",
  "      - db",
  "      {%- if use_redis %}",
  "      - redis",
  "      {%- endif %}",
  "  db:",
  "    image: {{ project }}_db",
  "",
].join("\n");

it("reports at most a few parse problems per file, the last one saying how many more there are", () => {
  const { findings } = runRule(rule, { code: TEMPLATED });
  assert.equal(findings.length, MAX_SYNTAX_PROBLEMS);
  const last = findings[findings.length - 1];
  assert.equal(last?.messageId, "more");
  assert.match(last?.message ?? "", /^YAML syntax error: .+ \(\d+ more YAML problems after this one are not shown/);
  assert.ok(findings.slice(0, -1).every((f) => f.messageId === "syntax"));
});

it("reports every problem, without a count, when there are no more than the cap", () => {
  const { findings } = runRule(rule, { code: "services:\n  web:\n    image: [nginx\n" });
  assert.ok(findings.length >= 1 && findings.length <= MAX_SYNTAX_PROBLEMS);
  assert.ok(findings.every((f) => f.messageId !== "more"));
});
