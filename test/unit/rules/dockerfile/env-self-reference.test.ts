import { rule } from "../../../../server/src/engine/rules/dockerfile/env-self-reference";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:bookworm-slim\nENV A=1\nENV B=$A\n",
    "FROM debian:bookworm-slim\nENV PATH=/app/bin:$PATH\n",
    { name: "defined earlier, so the old value is meant", code: "FROM debian:bookworm-slim\nENV A=1\nENV A=2 B=$A\n" },
    { name: "ARG defines it", code: "FROM debian:bookworm-slim\nARG A=1\nENV A=2 B=${A}\n" },
    "FROM debian:bookworm-slim\nENV A=1 B=$AB\n",
    "FROM debian:bookworm-slim\nENV A_B=1 C=x\n",
  ],
  invalid: [
    {
      code: "FROM debian:bookworm-slim\nENV A=1 B=«$A»\n",
      errors: [{ messageId: "selfReference" }],
      output: "FROM debian:bookworm-slim\nENV A=1\nENV B=$A\n",
    },
    {
      code: "FROM debian:bookworm-slim\nENV A=/x \\\n    B=«${A}»/bin C=$B\n",
      errors: [{ messageId: "selfReference" }, { messageId: "selfReference", line: 3, column: 18 }],
      output: "FROM debian:bookworm-slim\nENV A=/x\nENV B=${A}/bin\nENV C=$B\n",
    },
  ],
});
