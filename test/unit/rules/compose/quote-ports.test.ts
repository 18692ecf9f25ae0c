import { rule } from "../../../../server/src/engine/rules/compose/quote-ports";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - '443:443'\n",
    { name: "long syntax", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n" },
  ],
  invalid: [
    {
      code: "services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - «22:22»\n      - 3000\n",
      errors: [{ messageId: "unquoted" }, { messageId: "unquoted", line: 6 }],
      output: 'services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - "22:22"\n      - "3000"\n',
    },
    {
      name: "flow sequence",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: [«80:80», "443:443"]\n',
      errors: [{ messageId: "unquoted" }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80", "443:443"]\n',
    },
  ],
});
