import { rule } from "../../../../server/src/engine/rules/dockerfile/workdir-instead-of-cd";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [F + "WORKDIR /opt\n", F + "RUN echo cd\n", F + 'CMD ["sh", "-c", "cd /app && ./run"]\n'],
  invalid: [
    { code: F + "RUN «cd» /opt\n", errors: [{ messageId: "cd" }] },
    {
      name: "chained in a builder stage",
      code: "FROM golang:1.23 AS build\nRUN git clone x && cd x && make\nFROM scratch\n",
      errors: [{ messageId: "cd", line: 2, column: 20 }],
    },
    { name: "exec-form sh -c", code: F + 'RUN ["sh", "-c", "cd /opt && make"]\n', errors: [{ messageId: "cd" }] },
  ],
});
