import { rule } from "../../../../server/src/engine/rules/compose/restart-policy";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "restart inherited through extends (same file and another file)",
      code: "services:\n  base:\n    image: shop/api:1.0\n    restart: always\n  api:\n    extends: base\n  worker:\n    extends:\n      file: common.yml\n      service: job\n",
      files: {
        "common.yml": "services:\n  job:\n    image: shop/job:1.0\n    deploy:\n      restart_policy:\n        condition: on-failure\n",
      },
    },
    "services:\n  api:\n    image: acme/api:1.0\n    restart: unless-stopped\n",
    { name: "override files are not checked", fileName: "compose.override.yml", code: "services:\n  api:\n    image: acme/api:1.0\n" },
    { name: "dev variant", fileName: "compose-dev.yml", code: "services:\n  api:\n    image: acme/api:1.0\n" },
    {
      name: "deploy.restart_policy",
      code: "services:\n  api:\n    image: acme/api:1.0\n    deploy:\n      restart_policy:\n        condition: on-failure\n",
    },
    {
      name: "one-shot init service",
      code: 'services:\n  setup:\n    image: acme/api:1.0\n    command: [python, -m, app.prepare]\n    restart: "no"\n  job:\n    image: acme/api:1.0\n    restart: always\n    depends_on:\n      prepare:\n        condition: service_completed_successfully\n  prepare:\n    image: acme/api:1.0\n',
    },
  ],
  invalid: [
    {
      name: "several services without one: one finding on the services key, one fix for all",
      code: "«services»:\n  api:\n    image: acme/api:1.0\n  worker:\n    image: acme/worker:1.0\n  db:\n    image: postgres:16.4\n    restart: always\n",
      errors: [{ messageId: "missingMany" }],
      output:
        "services:\n  api:\n    image: acme/api:1.0\n    restart: unless-stopped\n  worker:\n    image: acme/worker:1.0\n    restart: unless-stopped\n  db:\n    image: postgres:16.4\n    restart: always\n",
    },
    {
      code: "services:\n  «api»:\n    image: acme/api:1.0\n  db:\n    image: postgres:16.4\n    restart: always\n",
      errors: [{ messageId: "missing" }],
      output:
        "services:\n  api:\n    image: acme/api:1.0\n    restart: unless-stopped\n  db:\n    image: postgres:16.4\n    restart: always\n",
    },
    {
      name: "production variant, no final newline",
      fileName: "docker-compose.prod.yml",
      code: "services:\n  app:\n    image: acme/app:1.0",
      errors: [{ messageId: "missing", line: 2 }],
      output: "services:\n  app:\n    image: acme/app:1.0\n    restart: unless-stopped\n",
    },
  ],
});
