import { rule } from "../../../../server/src/engine/rules/dockerfile/single-download-tool";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a\nRUN curl -fsSLO https://example.com/b\n",
    {
      name: "one tool per stage",
      code: "FROM debian:bookworm-slim AS a\nRUN wget -q https://example.com/a\nFROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/b\n",
    },
  ],
  invalid: [
    {
      code: "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a\n«RUN curl -fsSLO https://example.com/b»\n",
      errors: [{ messageId: "both" }],
    },
    {
      code: "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a && curl -fsSLO https://example.com/b\nRUN wget -q x\n",
      errors: [
        { messageId: "both", line: 2 },
        { messageId: "both", line: 3 },
      ],
    },
  ],
});
