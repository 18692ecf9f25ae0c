import { rule } from "../../../../server/src/engine/rules/compose/dev-helpers-need-profile";
import assert from "node:assert/strict";
import { it } from "node:test";
import { lint } from "../../../../server/src/engine/linter";
import { memoryFs } from "../../../../server/src/engine/workspace";
import { testRule } from "../../helpers/ruleTester";

it("with every rule on, a helper in the base file is one finding (compose/dev-settings-in-base-file defers to this rule)", () => {
  const text = "services:\n  api:\n    image: acme/api:1.0\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n";
  const onPgadmin = (config?: { rules: Record<string, "off"> }) =>
    lint({ path: "/p/compose.yml", text, kind: "compose", fs: memoryFs({ "/p/compose.yml": text }), config })
      .findings.filter((f) => f.range.start.line === 3 && f.ruleId.startsWith("compose/dev-"))
      .map((f) => f.ruleId);
  assert.deepEqual(onPgadmin(), ["compose/dev-helpers-need-profile"]);
  assert.deepEqual(onPgadmin({ rules: { "compose/dev-helpers-need-profile": "off" } }), ["compose/dev-settings-in-base-file"]);
});

testRule(rule, {
  valid: [
    "services:\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n    profiles: [tools]\n",
    "services:\n  api:\n    image: acme/api:1.0\n",
    {
      name: "profile set in the override",
      files: { "compose.override.yml": "services:\n  adminer:\n    profiles: [debug]\n" },
      code: "services:\n  adminer:\n    image: adminer:4.8.1\n",
    },
  ],
  invalid: [
    {
      fileName: "compose.db.yml",
      code: 'services:\n  «pgadmin»:\n    image: dpage/pgadmin4:latest\n    ports:\n      - "5050:80"\n',
      errors: [{ messageId: "noProfile" }],
      output: 'services:\n  pgadmin:\n    image: dpage/pgadmin4:latest\n    ports:\n      - "5050:80"\n    profiles: [tools]\n',
    },
    {
      name: "in the production base file: one finding, a profile or the move to an override file",
      fileName: "compose.yml",
      code: "services:\n  api:\n    image: acme/api:1.0\n  «pgadmin»:\n    image: dpage/pgadmin4:8.10\n",
      errors: [{ messageId: "noProfileInBase" }],
      fixIndex: 1,
      output: "services:\n  api:\n    image: acme/api:1.0\n",
      outputFiles: { "compose.override.yml": "services:\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n" },
    },
    {
      name: "custom profile name",
      options: { profile: "dev" },
      code: "services:\n  «mail»:\n    image: axllent/mailpit:v1.20\n",
      errors: [{ messageId: "noProfileInBase" }],
      output: "services:\n  mail:\n    image: axllent/mailpit:v1.20\n    profiles: [dev]\n",
    },
  ],
});
