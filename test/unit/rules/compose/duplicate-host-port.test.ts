import { rule } from "../../../../server/src/engine/rules/compose/duplicate-host-port";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: acme/a:1.0\n    ports:\n      - "8000:8000"\n  b:\n    image: acme/b:1.0\n    ports:\n      - "8001:8000"\n      - "8000:8000/udp"\n',
    {
      name: "different addresses",
      code: 'services:\n  a:\n    image: acme/a:1.0\n    ports: ["127.0.0.1:80:80"]\n  b:\n    image: acme/b:1.0\n    ports: ["127.0.0.2:80:80"]\n',
    },
    {
      name: "alternative variant files are not run together",
      fileName: "compose.prod.yml",
      files: { "compose.dev.yml": 'services:\n  dev:\n    image: acme/dev:1\n    ports: ["3000:3000"]\n' },
      code: 'services:\n  web:\n    image: acme/web:1\n    ports: ["3000:3000"]\n',
    },
    {
      name: "an alternative file that redefines base services is not known to run with the base either",
      fileName: "docker-compose-multirole.yaml",
      files: {
        "docker-compose.yml": 'services:\n  server:\n    image: acme/server:1\n    ports: ["7233:7233"]\n  ui:\n    image: acme/ui:1\n',
      },
      code: "services:\n  ui:\n    image: acme/ui:1\n  proxy:\n    image: nginx:1.27\n    ports:\n      - 7233:7233\n",
    },
    {
      name: "a standalone alternative file (it redefines none of the base's services) is not run with the base",
      fileName: "docker-compose-multirole.yaml",
      files: { "docker-compose.yml": 'services:\n  server:\n    image: acme/server:1\n    ports: ["7233:7233"]\n' },
      code: "services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - 7233:7233\n  worker:\n    image: acme/worker:1\n",
    },
  ],
  invalid: [
    {
      name: "an alternative file is still checked on its own",
      fileName: "docker-compose-multirole.yaml",
      files: { "docker-compose.yml": "services:\n  server:\n    image: acme/server:1\n" },
      code: 'services:\n  a:\n    image: acme/a:1\n    ports: ["9000:9000"]\n  b:\n    image: acme/b:1\n    ports: [«"9000:9000"»]\n',
      errors: [{ messageId: "duplicate" }],
    },
    {
      code: 'services:\n  a:\n    image: acme/a:1.0\n    ports:\n      - "8000:8000"\n  b:\n    image: acme/b:1.0\n    ports:\n      - «"8000:80"»\n',
      errors: [{ messageId: "duplicate" }],
    },
    {
      name: "range overlap",
      code: 'services:\n  a:\n    image: acme/a:1.0\n    ports: ["8000-8005:8000-8005"]\n  b:\n    image: acme/b:1.0\n    ports: [«"8003:80"»]\n',
      errors: [{ messageId: "duplicate" }],
    },
    {
      name: "override adds a conflicting service",
      fileName: "compose.override.yml",
      files: { "compose.yml": 'services:\n  a:\n    image: acme/a:1.0\n    ports: ["5432:5432"]\n' },
      code: 'services:\n  b:\n    image: acme/b:1.0\n    ports: [«"5432:5432"»]\n',
      errors: [{ messageId: "duplicate" }],
    },
  ],
});
