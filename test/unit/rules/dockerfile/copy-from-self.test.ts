import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-from-self";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz\n",
    "FROM a\nFROM b\nCOPY --from=0 x .\n",
    "FROM debian\nCOPY a b\n",
  ],
  invalid: [
    { code: "FROM node as foo\nCOPY --from=«foo» bar .\n", errors: [{ messageId: "self" }] },
    { name: "case-insensitive", code: "FROM node AS Build\nCOPY --from=build bar .\n", errors: [{ messageId: "self" }] },
    { name: "own index", code: "FROM a\nFROM b\nCOPY --from=1 x .\n", errors: [{ messageId: "self", line: 3 }] },
  ],
});
