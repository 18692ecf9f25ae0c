import { rule } from "../../../../server/src/engine/rules/compose/quote-ports";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

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
