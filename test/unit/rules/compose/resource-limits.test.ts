import { rule } from "../../../../server/src/engine/rules/compose/resource-limits";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "limit inherited through extends with file:",
      code: "services:\n  api:\n    extends:\n      file: common.yml\n      service: base\n    restart: always\n",
      files: {
        "common.yml":
          "services:\n  base:\n    image: shop/api:1.0\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n",
      },
    },
    {
      name: "deploy merged across files: the override adds replicas, the base keeps the limit",
      code: "services:\n  api:\n    image: shop/api:1.0\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n",
      files: { "compose.override.yml": "services:\n  api:\n    deploy:\n      replicas: 2\n" },
    },
    "services:\n  api:\n    image: acme/api:1.0\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n",
    "services:\n  api:\n    image: acme/api:1.0\n    mem_limit: 512m\n",
    { name: "not the base file", fileName: "compose.override.yml", code: "services:\n  api:\n    image: acme/api:1.0\n" },
  ],
  invalid: [
    {
      name: "the limit removed with !reset in an override",
      code: "services:\n  «api»:\n    image: shop/api:1.0\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n",
      files: { "compose.override.yml": "services:\n  api:\n    deploy:\n      resources: !reset {}\n" },
      errors: [{ messageId: "missing" }],
    },
    { code: "services:\n  «api»:\n    image: acme/api:1.0\n    deploy:\n      replicas: 2\n", errors: [{ messageId: "missing" }] },
    {
      name: "limit set in the production variant counts",
      files: { "compose.override.yml": "services:\n  api:\n    mem_limit: 1g\n" },
      code: "services:\n  api:\n    image: acme/api:1.0\n  «worker»:\n    image: acme/api:1.0\n",
      errors: [{ messageId: "missing" }],
    },
    {
      name: "several services without a limit: one finding on the services key, naming them",
      code: "«services»:\n  api:\n    image: acme/api:1.0\n  worker:\n    image: acme/worker:1.0\n  db:\n    image: postgres:16.4\n    mem_limit: 1g\n",
      errors: [{ messageId: "missingMany" }],
    },
  ],
});
