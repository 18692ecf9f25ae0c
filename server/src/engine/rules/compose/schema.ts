import { validateComposeSchema } from "../../analysis/composeSchema";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/schema",
    category: "reliability",
    defaultSeverity: "error",
    failure: "`docker compose` rejects a file that does not follow the Compose Specification and runs nothing.",
    fixable: false,
    summary: "The file must follow the Compose Specification (keys, value types, allowed values).",
    rationale:
      "Compose refuses to start a project whose file does not match the specification, and a misspelled key such as `depends_of` or `enviroment` is not always caught until then. Shipshape validates against the bundled Compose Specification schema (with `name`, `include`, `models`, `develop` and `provider`), offline, and points at the exact key or value that is wrong. `!reset` and `!override` are accepted; `${VAR}` interpolation is fine wherever the specification allows a string.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_of:\n      - db\n  db:\n    image: postgres:16.4\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - db\n  db:\n    image: postgres:16.4\n",
      },
    ],
    equivalents: ["dclint:invalid-schema"],
    messages: {
      schema: "{{message}}",
      unknownKey: "{{message}}",
      missingKey: "{{message}}",
      aliasLimit: "{{message}}",
    },
    practice: "Compose Specification",
  },
  check({ compose, report }) {
    for (const p of validateComposeSchema(compose)) report({ messageId: p.messageId, range: p.range, data: { message: p.message } });
  },
});
