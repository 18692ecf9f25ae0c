import { rule as noQuotesInVolumes } from "../../../../server/src/engine/rules/compose/no-quotes-in-volumes";
import { rule as projectName } from "../../../../server/src/engine/rules/compose/project-name";
import { rule as serviceKeysOrder } from "../../../../server/src/engine/rules/compose/service-keys-order";
import { rule as sortedDependencies } from "../../../../server/src/engine/rules/compose/sorted-dependencies";
import { rule as sortedPorts } from "../../../../server/src/engine/rules/compose/sorted-ports";
import { rule as sortedServices } from "../../../../server/src/engine/rules/compose/sorted-services";
import { rule as topLevelOrder } from "../../../../server/src/engine/rules/compose/top-level-order";
import { testRule } from "../../helpers/ruleTester";

testRule(noQuotesInVolumes, {
  valid: ["services:\n  a:\n    image: a:1\n    volumes:\n      - ./x:/x:ro\n"],
  invalid: [
    {
      code: 'services:\n  a:\n    image: a:1\n    volumes:\n      - «"./x:/x:ro"»\n',
      errors: [{ messageId: "quoted" }],
      output: "services:\n  a:\n    image: a:1\n    volumes:\n      - ./x:/x:ro\n",
    },
    {
      name: "needs quotes: no fix",
      code: 'services:\n  a:\n    image: a:1\n    volumes:\n      - «"./my dir: x:/x"»\n',
      errors: [{ messageId: "quoted" }],
    },
  ],
});
testRule(projectName, {
  valid: [
    "name: shop\nservices: {}\n",
    {
      name: "override of a named base",
      fileName: "compose.override.yml",
      files: { "compose.yml": "name: shop\nservices: {}\n" },
      code: "services: {}\n",
    },
  ],
  invalid: [{ code: "«services»: {}\n", errors: [{ messageId: "missing" }] }],
});
testRule(sortedServices, {
  valid: ["services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n"],
  invalid: [{ code: "services:\n  b:\n    image: b:1\n  «a»:\n    image: a:1\n", errors: [{ messageId: "order" }] }],
});
testRule(sortedDependencies, {
  valid: ["services:\n  a:\n    image: a:1\n    depends_on: [b, c]\n"],
  invalid: [
    { code: "services:\n  a:\n    image: a:1\n    «depends_on»: [c, b]\n", errors: [{ messageId: "order" }] },
    {
      name: "block list is sorted by the fix",
      code: "services:\n  a:\n    image: a:1\n    «depends_on»:\n      - redis\n      - db # the database\n",
      errors: [{ messageId: "order" }],
      output: "services:\n  a:\n    image: a:1\n    depends_on:\n      - db # the database\n      - redis\n",
    },
  ],
});
testRule(sortedPorts, {
  valid: ['services:\n  a:\n    image: a:1\n    ports: ["80:80", "443:443", "8080:8080"]\n'],
  invalid: [
    { code: 'services:\n  a:\n    image: a:1\n    «ports»: ["8080:8080", "443:443"]\n', errors: [{ messageId: "order" }] },
    {
      name: "block list is sorted numerically by the fix",
      code: 'services:\n  a:\n    image: a:1\n    «ports»:\n      - "8080:8080"\n      - "443:443"\n      - "80:80"\n',
      errors: [{ messageId: "order" }],
      output: 'services:\n  a:\n    image: a:1\n    ports:\n      - "80:80"\n      - "443:443"\n      - "8080:8080"\n',
    },
  ],
});
testRule(serviceKeysOrder, {
  valid: [
    "services:\n  a:\n    image: a:1\n    depends_on: [b]\n    environment: {}\n    ports: []\n    restart: always\n    x-custom: 1\n",
  ],
  invalid: [
    {
      code: "services:\n  a:\n    ports: []\n    «image»: a:1\n",
      errors: [{ messageId: "order" }],
      output: "services:\n  a:\n    image: a:1\n    ports: []\n",
    },
    {
      name: "keys move with their comments and whole values",
      code: "services:\n  a:\n    # published\n    ports:\n      - 80:80\n    «image»: a:1\n    x-note: kept after\n",
      errors: [{ messageId: "order" }],
      output: "services:\n  a:\n    image: a:1\n    # published\n    ports:\n      - 80:80\n    x-note: kept after\n",
    },
    {
      name: "a configured order",
      code: "services:\n  a:\n    image: a:1\n    «restart»: always\n",
      options: { order: ["restart", "image"] },
      errors: [{ messageId: "order" }],
      output: "services:\n  a:\n    restart: always\n    image: a:1\n",
    },
  ],
});
testRule(topLevelOrder, {
  valid: ["x-a: &a {}\nname: n\nservices: {}\nnetworks: {}\nvolumes: {}\n"],
  invalid: [{ code: "services: {}\n«x-a»: {}\n", errors: [{ messageId: "order" }] }],
});
