import { rule } from "../../../../server/src/engine/rules/compose/dev-helpers-need-profile";
import { testRule } from "../../helpers/ruleTester";

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
      name: "custom profile name",
      options: { profile: "dev" },
      code: "services:\n  «mail»:\n    image: axllent/mailpit:v1.20\n",
      errors: [{ messageId: "noProfile" }],
      output: "services:\n  mail:\n    image: axllent/mailpit:v1.20\n    profiles: [dev]\n",
    },
  ],
});
