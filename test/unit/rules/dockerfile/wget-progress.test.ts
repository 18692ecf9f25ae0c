import { rule } from "../../../../server/src/engine/rules/dockerfile/wget-progress";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -qO- https://example.com/a | tar x\n",
    "FROM debian:bookworm-slim\nRUN wget -nv https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget --no-verbose https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -o /tmp/log https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a\n",
  ],
  invalid: [
    {
      code: "FROM debian:bookworm-slim\nRUN «wget https://example.com/a»\n",
      errors: [{ messageId: "noProgress" }],
      output: "FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/a\n",
    },
    {
      code: "FROM debian:bookworm-slim\nRUN cd /tmp && wget -O a.tgz https://example.com/a\n",
      errors: [{ messageId: "noProgress", line: 2, column: 16 }],
      output: "FROM debian:bookworm-slim\nRUN cd /tmp && wget --progress=dot:giga -O a.tgz https://example.com/a\n",
    },
  ],
});
