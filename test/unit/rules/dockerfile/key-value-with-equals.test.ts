import { rule } from "../../../../server/src/engine/rules/dockerfile/key-value-with-equals";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ['FROM alpine:3.20\nENV A=1 B="x y"\nLABEL a=b\n', "FROM alpine:3.20\nARG foo=bar\n"],
  invalid: [
    { code: "FROM alpine:3.20\nENV «A 1»\n", errors: [{ messageId: "legacy" }], output: "FROM alpine:3.20\nENV A=1\n" },
    {
      code: "FROM alpine:3.20\nENV «GREETING hello  world»\n",
      errors: [{ messageId: "legacy" }],
      output: 'FROM alpine:3.20\nENV GREETING="hello  world"\n',
    },
    {
      code: 'FROM alpine:3.20\nLABEL «description "an app"»\n',
      errors: [{ messageId: "legacy" }],
      output: 'FROM alpine:3.20\nLABEL description="an app"\n',
    },
    {
      name: "multi-line values are reported without a fix",
      code: "FROM alpine:3.20\nENV «DEPS \\\n    curl \\\n    git»\n",
      errors: [{ messageId: "legacy" }],
    },
  ],
});
