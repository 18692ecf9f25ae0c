import { rule } from "../../../../server/src/engine/rules/compose/bind-to-localhost";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    { name: "not a database", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' },
    { name: "container port only", code: 'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - "5432"\n' },
    {
      name: "long syntax with host_ip",
      code: "services:\n  cache:\n    image: redis:7.2\n    ports:\n      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n",
    },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:15-alpine\n    ports:\n      - «"5432:5432"»\n',
      errors: [{ messageId: "allInterfaces" }],
      output: 'services:\n  db:\n    image: postgres:15-alpine\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    {
      name: "explicit 0.0.0.0 (no fix), redis",
      code: 'services:\n  cache:\n    image: redis:7-alpine\n    ports:\n      - «"0.0.0.0:6379:6379"»\n',
      errors: [{ messageId: "allInterfaces" }],
    },
    {
      name: "allServices option",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - «'8080:80'»\n",
      options: { allServices: true },
      errors: [{ messageId: "allInterfaces" }],
      output: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:8080:80'\n",
    },
  ],
});
