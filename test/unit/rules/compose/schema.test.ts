import { rule } from "../../../../server/src/engine/rules/compose/schema";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "an alias without an anchor is compose/yaml-syntax's",
      code: "services:\n  web:\n    image: nginx:1.27\n    environment: *missing\n",
    },
    {
      name: "current spec: name, include, models, develop, provider",
      code: "name: shop\ninclude:\n  - compose.db.yml\nservices:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n  llm:\n    provider:\n      type: model\n      options:\n        model: ai/smollm2\nmodels:\n  m:\n    model: ai/smollm2\n",
    },
    {
      name: "interpolation in ports and numbers",
      code: 'services:\n  api:\n    image: "acme/api:${TAG:-1.0}"\n    ports:\n      - "${PORT:-8000}:8000"\n      - 9000\n      - 22:22\n    cpus: ${CPUS:-0.5}\n',
    },
    {
      name: "!reset and !override",
      code: "services:\n  api:\n    image: acme/api:1.0\n    ports: !reset []\n    environment: !override\n      A: b\n    build: !reset null\n",
    },
    {
      name: "anchors, merge keys, x- fields",
      code: "x-common: &common\n  restart: unless-stopped\n  environment:\n    TZ: UTC\nservices:\n  a:\n    <<: *common\n    image: acme/a:1.0\n  b:\n    <<: [*common]\n    image: acme/b:1.0\n",
    },
    {
      name: "long-form depends_on and healthcheck",
      code: 'services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n      start_period: 10s\n',
    },
    { name: "empty file", code: "" },
    { name: "obsolete version key is tolerated here", code: "version: '3.8'\nservices: {}\n" },
    { name: "syntax errors are left to yaml-syntax", code: "services:\n  web:\n    image: [\n" },
  ],
  invalid: [
    {
      name: "misspelled key",
      code: "services:\n  api:\n    image: acme/api:1.0\n    «depends_of»:\n      - db\n",
      errors: [{ messageId: "unknownKey" }],
    },
    { name: "unknown top-level key", code: "services: {}\n«servces»: {}\n", errors: [{ messageId: "unknownKey" }] },
    {
      name: "wrong type points at the value",
      code: "services:\n  api:\n    image: acme/api:1.0\n    ports: «8000»\n",
      errors: [{ messageId: "schema" }],
    },
    {
      name: "bad condition value",
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      db:\n        condition: «healthy»\n  db:\n    image: postgres:16.4\n",
      errors: [{ messageId: "schema" }],
    },
    {
      name: "missing condition in long form",
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      «db»:\n        required: true\n  db:\n    image: postgres:16.4\n",
      errors: [{ messageId: "missingKey" }],
    },
    {
      name: "error inside an anchor is reported once, where it is written",
      code: "x-common: &common\n  «restar»: always\nservices:\n  a:\n    <<: *common\n    image: acme/a:1.0\n  b:\n    <<: *common\n    image: acme/b:1.0\n",
      errors: [{ messageId: "unknownKey" }],
    },
    {
      name: "alias bomb gives one finding, quickly",
      code: "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
      errors: [{ messageId: "aliasLimit", line: 1 }],
    },
  ],
});
