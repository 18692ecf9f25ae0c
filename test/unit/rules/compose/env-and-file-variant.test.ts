import { rule } from "../../../../server/src/engine/rules/compose/env-and-file-variant";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n      POSTGRES_USER: app\n",
    {
      name: "a value from the shell may be unset",
      code: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      - POSTGRES_PASSWORD\n      - POSTGRES_PASSWORD_FILE=/run/secrets/pg\n",
    },
    {
      name: "removed with !reset in the override",
      code: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n",
      files: {
        "compose.override.yml":
          "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD_FILE: !reset null\n      POSTGRES_PASSWORD: dev\n",
      },
    },
  ],
  invalid: [
    {
      name: "both in one mapping",
      code: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASSWORD}\n      «POSTGRES_PASSWORD_FILE»: /run/secrets/pg\n",
      errors: [{ messageId: "both" }],
    },
    {
      name: "list form",
      code: "services:\n  db:\n    image: mysql:8.4\n    environment:\n      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/root\n      - MYSQL_ROOT_PASSWORD=${ROOT_PW}\n",
      errors: [{ messageId: "both", line: 5 }],
    },
    {
      name: "the plain one comes from the override file",
      code: "services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n",
      files: { "compose.override.yml": "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: dev\n" },
      errors: [{ messageId: "both", line: 5 }],
    },
    {
      name: "inherited through extends with file:",
      code: "services:\n  db:\n    extends:\n      file: common.yml\n      service: pg\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n",
      files: { "common.yml": "services:\n  pg:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASSWORD}\n" },
      errors: [{ messageId: "both", line: 7 }],
    },
  ],
});
