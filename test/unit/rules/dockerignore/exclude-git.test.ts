import { rule } from "../../../../server/src/engine/rules/dockerignore/exclude-git";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [".git\n", ".git/\n", "**/.git\n", "*\n!app/\n"],
  invalid: [
    { code: "«.env»\n.venv\n", errors: [{ messageId: "missing" }], output: ".env\n.venv\n.git\n" },
    { name: "CRLF file", code: ".env\r\n", errors: [{ messageId: "missing" }], output: ".env\r\n.git\r\n" },
  ],
});
