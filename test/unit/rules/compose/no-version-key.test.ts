import { rule } from "../../../../server/src/engine/rules/compose/no-version-key";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["services:\n  web:\n    image: nginx:1.27\n", "services:\n  web:\n    image: nginx:1.27\n    environment:\n      version: '3'\n"],
  invalid: [
    {
      code: "«version»: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete" }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "CRLF, not first",
      code: 'name: shop\r\nversion: "3" # old\r\nservices: {}\r\n',
      errors: [{ messageId: "obsolete", line: 2, column: 1 }],
      output: "name: shop\r\nservices: {}\r\n",
    },
    {
      name: "first line, then a blank line: the file does not start with an empty line",
      code: '«version»: "3.8"\n\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: "obsolete" }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "after a comment header: the comment stays, no two blank lines meet",
      code: '# the stack\n\n«version»: "3.8"\n\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: "obsolete" }],
      output: "# the stack\n\nservices:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "between keys with no blank line: only its line goes",
      code: 'name: shop\n«version»: "3"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: "obsolete" }],
      output: "name: shop\nservices:\n  web:\n    image: nginx:1.27\n",
    },
  ],
});
