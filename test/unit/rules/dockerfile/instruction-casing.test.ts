import { rule } from "../../../../server/src/engine/rules/dockerfile/instruction-casing";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: ['FROM alpine:3.20\nRUN echo hello\nENTRYPOINT ["cat"]\n', 'from alpine:3.20\nrun echo hello\nentrypoint ["cat"]\n'],
    invalid: [
      {
        code: 'FROM alpine:3.20\n«Run» echo hello\nEntRYpOiNT ["cat"]\n',
        errors: [{ messageId: "casing" }, { messageId: "casing", line: 3 }],
        output: 'FROM alpine:3.20\nRUN echo hello\nENTRYPOINT ["cat"]\n',
      },
      {
        name: "the majority is lower case",
        code: "from alpine:3.20\nrun a\nRUN b\nworkdir /x\n",
        errors: [{ messageId: "casing", line: 3 }],
        output: "from alpine:3.20\nrun a\nrun b\nworkdir /x\n",
      },
      {
        name: "a tie goes to upper case",
        code: "FROM alpine:3.20\nrun a\n",
        errors: [{ messageId: "casing", line: 2 }],
        output: "FROM alpine:3.20\nRUN a\n",
      },
    ],
  },
  { onbuild: { skip: "the wrapper writes ONBUILD in upper case, which is what this rule checks" } },
);
