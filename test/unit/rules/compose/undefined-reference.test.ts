import { rule } from "../../../../server/src/engine/rules/compose/undefined-reference";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "extends with file: found",
      code: "services:\n  api:\n    extends:\n      file: ./shared/common.yml\n      service: base\n",
      files: { "shared/common.yml": "services:\n  base:\n    image: shop/base:1\n" },
    },
    "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n    networks: [back, default]\n    volumes:\n      - data:/data\n      - ./src:/app\n      - /app/.venv\n    secrets: [pw]\n    configs:\n      - source: cfg\n        target: /etc/cfg\n  db:\n    image: postgres:16.4\nnetworks:\n  back: {}\nvolumes:\n  data: {}\nsecrets:\n  pw:\n    file: ./pw.txt\nconfigs:\n  cfg:\n    file: ./cfg.txt\n",
    {
      name: "multi-file: service and volume defined in the base file",
      fileName: "compose.override.yml",
      files: { "compose.yml": "services:\n  db:\n    image: postgres:16.4\nvolumes:\n  pgdata: {}\n" },
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n    volumes: [pgdata:/x]\n",
    },
    {
      name: "defined in an included file",
      files: { "db/compose.yml": "services:\n  db:\n    image: postgres:16.4\n" },
      code: "include:\n  - db/compose.yml\nservices:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n",
    },
    {
      name: "recipe files in one folder",
      fileName: "compose.api.yml",
      files: { "compose.db.yml": "services:\n  postgres:\n    image: postgres:16.2-alpine\n" },
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      postgres:\n        condition: service_started\n",
    },
    { name: "variables", code: 'services:\n  api:\n    image: acme/api:1.0\n    volumes: ["${DATA_DIR}:/data"]\n' },
  ],
  invalid: [
    {
      name: "extends with file: the file does not exist",
      code: "services:\n  api:\n    extends:\n      file: «common.yml»\n      service: base\n",
      errors: [{ messageId: "extendsFile" }],
    },
    {
      name: "extends with file: the service is not in it",
      code: "services:\n  api:\n    extends:\n      file: common.yml\n      service: «bsae»\n",
      files: { "common.yml": "services:\n  base:\n    image: shop/base:1\n" },
      errors: [{ messageId: "extendsService" }],
    },
    {
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      - «database»\n  db:\n    image: postgres:16.4\n",
      errors: [{ messageId: "service" }],
    },
    {
      name: "long form",
      code: "services:\n  api:\n    image: acme/api:1.0\n    depends_on:\n      «cache»:\n        condition: service_started\n",
      errors: [{ messageId: "service" }],
    },
    {
      name: "network",
      code: "services:\n  api:\n    image: acme/api:1.0\n    networks:\n      - «stockbook-network»\n",
      errors: [{ messageId: "network" }],
    },
    {
      name: "named volume",
      code: "services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - «postgres_data:/var/lib/postgresql/data»\n",
      errors: [{ messageId: "volume" }],
    },
    {
      name: "secret",
      code: "services:\n  g:\n    image: grafana/grafana-oss:11.1.0\n    secrets:\n      - «grafana_admin_password»\n",
      errors: [{ messageId: "secret" }],
    },
    {
      name: "extends, network_mode, volumes_from",
      code: "services:\n  a:\n    image: acme/a:1\n    extends: «base»\n    network_mode: service:vpn\n    volumes_from: [data]\n",
      errors: [{ messageId: "service" }, { messageId: "service", line: 5 }, { messageId: "service", line: 6 }],
    },
  ],
});
