import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-from-existing-stage";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz\n",
    "FROM debian\nCOPY --from=haskell:latest bar .\n",
    "FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .\n",
    "FROM scratch\nRUN foo\nFROM node\nCOPY --from=0 foo .\n",
    "FROM debian\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/\n",
    "FROM debian AS Build\nFROM nginx\nCOPY --from=build /a /b\n",
    "FROM debian\nCOPY --from=$BUILDER /a /b\n",
  ],
  invalid: [
    { code: "FROM debian\nCOPY --from=«foo» bar .\n", errors: [{ messageId: "undefinedStage" }] },
    {
      name: "stage defined after",
      code: "FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n",
      errors: [{ messageId: "laterStage", line: 2 }],
    },
    { name: "stage index out of range", code: "COPY --from=0 bar .\n", errors: [{ messageId: "badIndex" }] },
    { name: "index of a later stage", code: "FROM a\nCOPY --from=1 x .\nFROM b\n", errors: [{ messageId: "badIndex", line: 2 }] },
  ],
});
