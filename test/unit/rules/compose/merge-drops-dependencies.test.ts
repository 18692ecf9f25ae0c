import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rule } from "../../../../server/src/engine/rules/compose/merge-drops-dependencies";
import { testRule } from "../../helpers/ruleTester";

const ANCHOR = "x-common: &common\n  image: acme/app:1.0\n  depends_on:\n    db:\n      condition: service_healthy\n";

testRule(rule, {
  valid: [
    `${ANCHOR}services:\n  db:\n    image: postgres:16.4\n  web:\n    <<: *common\n`,
    {
      name: "own depends_on repeats the anchor's",
      code: `${ANCHOR}services:\n  web:\n    <<: *common\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n`,
    },
    {
      name: "still waited for through its own dependency (a worker waits for the app, which waits for the db)",
      code: `${ANCHOR}services:\n  db:\n    image: postgres:16.4\n  app:\n    <<: *common\n  worker:\n    <<: *common\n    depends_on:\n      app:\n        condition: service_healthy\n`,
    },
    {
      name: "reached through a chain of two, in the short form",
      code: "x-c: &c\n  image: acme/app:1.0\n  depends_on: [db]\nservices:\n  db:\n    image: postgres:16.4\n  app:\n    <<: *c\n  api:\n    depends_on: [app]\n    image: acme/api:1\n  worker:\n    <<: *c\n    depends_on: [api]\n",
    },
    { name: "no merge", code: "services:\n  web:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: b:1\n" },
  ],
  invalid: [
    {
      code: `${ANCHOR}services:\n  web:\n    <<: *common\n    «depends_on»:\n      cache:\n        condition: service_started\n  cache:\n    image: redis:7.2\n`,
      errors: [{ messageId: "dropped" }],
      output: `${ANCHOR}services:\n  web:\n    <<: *common\n    depends_on:\n      cache:\n        condition: service_started\n      db:\n        condition: service_healthy\n  cache:\n    image: redis:7.2\n`,
    },
    {
      name: "the practice's Dagster pattern: webserver and daemon no longer wait for Postgres",
      code: readFileSync(join(__dirname, "../../../fixtures/practices/dagster/compose.yml"), "utf8"),
      errors: [
        { messageId: "dropped", line: 29 },
        { messageId: "dropped", line: 36 },
      ],
    },
    {
      name: "reached only with a weaker condition (the app merely starts after the db, the anchor wanted it healthy)",
      code: `${ANCHOR}services:\n  db:\n    image: postgres:16.4\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  worker:\n    <<: *common\n    «depends_on»:\n      app:\n        condition: service_started\n`,
      errors: [{ messageId: "dropped" }],
      output: `${ANCHOR}services:\n  db:\n    image: postgres:16.4\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  worker:\n    <<: *common\n    depends_on:\n      app:\n        condition: service_started\n      db:\n        condition: service_healthy\n`,
    },
    {
      name: "a dependency cycle does not hide a dropped one",
      code: `${ANCHOR}services:\n  a:\n    image: acme/a:1\n    depends_on: [b]\n  b:\n    image: acme/b:1\n    depends_on: [a]\n  worker:\n    <<: *common\n    «depends_on»: [a]\n`,
      errors: [{ messageId: "dropped" }],
    },
    {
      name: "short form: no fix",
      code: `${ANCHOR}services:\n  web:\n    <<: *common\n    «depends_on»: [cache]\n  cache:\n    image: redis:7.2\n`,
      errors: [{ messageId: "dropped" }],
    },
  ],
});
