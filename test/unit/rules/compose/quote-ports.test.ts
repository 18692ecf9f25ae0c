import { rule } from "../../../../server/src/engine/rules/compose/quote-ports";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";
import { rule as bindToLocalhost } from "../../../../server/src/engine/rules/compose/bind-to-localhost";
import type { ShipshapeConfig } from "../../../../server/src/engine/config";
import { lint } from "../../../../server/src/engine/linter";
import { memoryFs } from "../../../../server/src/engine/workspace";

testRule(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - '443:443'\n",
    { name: "long syntax", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n" },
  ],
  invalid: [
    {
      code: "services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - «22:22»\n      - 3000\n",
      errors: [{ messageId: "unquoted" }, { messageId: "style", line: 6 }],
      output: 'services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - "22:22"\n      - "3000"\n',
    },
    {
      name: "flow sequence: 80:80 cannot be a number, so it is style",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: [«80:80», "443:443"]\n',
      errors: [{ messageId: "style" }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80", "443:443"]\n',
    },
    {
      name: "host IP with a base-60-looking tail",
      code: "services:\n  db:\n    image: postgres:16.4\n    ports:\n      - «5432:5432»\n      - 1:30\n",
      errors: [{ messageId: "style" }, { messageId: "unquoted", line: 6 }],
      output: 'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - "5432:5432"\n      - "1:30"\n',
    },
  ],
});

describe("quote-ports severity", () => {
  it("the style message is info at most, the hazard keeps the rule's severity", () => {
    const { findings } = runRule(rule, {
      code: "services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - 22:22\n      - 8080:80\n",
    });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.severity]),
      [
        ["unquoted", "warning"],
        ["style", "info"],
      ],
    );
    assert.match(findings[1]?.message ?? "", /^Style:/);
  });
});

describe("compose/quote-ports defers to compose/bind-to-localhost (one port, one finding)", () => {
  const text =
    "services:\n  db:\n    image: postgres:16.4\n    ports:\n      - 5432:5432\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n";
  const ids = (config?: ShipshapeConfig) =>
    lint({ path: "/w/compose.yml", text, kind: "compose", fs: memoryFs({}), rules: [rule, bindToLocalhost], config }).findings.map(
      (f) => `${f.range.start.line + 1} ${f.ruleId}`,
    );

  it("the database port published on every interface is one finding (bind-to-localhost); the web port keeps its style note", () => {
    assert.deepEqual(ids(), ["5 compose/bind-to-localhost", "9 compose/quote-ports"]);
  });

  it("with bind-to-localhost off, quote-ports reports both ports again", () => {
    assert.deepEqual(ids({ rules: { "compose/bind-to-localhost": "off" } }), ["5 compose/quote-ports", "9 compose/quote-ports"]);
  });

  it("follows bind-to-localhost's allServices option: then the web port too is its finding only", () => {
    assert.deepEqual(ids({ rules: { "compose/bind-to-localhost": { severity: "warning", options: { allServices: true } } } }), [
      "5 compose/bind-to-localhost",
      "9 compose/bind-to-localhost",
    ]);
  });

  it("the base-60 trap is another problem: still reported beside bind-to-localhost", () => {
    const trap = "services:\n  db:\n    image: redis:7.4\n    ports:\n      - 22:22\n";
    const found = lint({ path: "/w/compose.yml", text: trap, kind: "compose", fs: memoryFs({}), rules: [rule, bindToLocalhost] }).findings;
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ["compose/bind-to-localhost", "compose/quote-ports"]);
  });
});
