import { rule } from "../../../../server/src/engine/rules/compose/docker-socket-mount";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n"],
  invalid: [
    {
      code: 'services:\n  proxy:\n    image: traefik:v2.11\n    volumes:\n      - «"/var/run/docker.sock:/var/run/docker.sock:ro"»\n',
      errors: [{ messageId: "readOnly" }],
    },
    {
      code: "services:\n  ci:\n    image: acme/runner:1.0\n    volumes:\n      - «/var/run/docker.sock:/var/run/docker.sock»\n",
      errors: [{ messageId: "writable" }],
    },
    {
      name: "long syntax",
      code: "services:\n  ci:\n    image: acme/runner:1.0\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n",
      errors: [{ messageId: "writable", line: 5 }],
    },
  ],
});
