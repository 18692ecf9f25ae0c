import { rule } from "../../../../server/src/engine/rules/dockerfile/workdir-instead-of-cd";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    F + "WORKDIR /opt\n",
    F + "RUN echo cd\n",
    F + 'CMD ["sh", "-c", "cd /app && ./run"]\n',
    {
      name: "cd into a folder unpacked in the same RUN",
      code: F + "RUN curl -fsSL https://example.com/src.tgz | tar xz && cd src-1.2 && ./configure && make install\n",
    },
    { name: "cd into a fresh clone", code: F + "RUN git clone --depth 1 https://example.com/x.git /x && cd /x && make\n" },
    { name: "cd into a folder made in the same RUN", code: F + "RUN mkdir -p /build && cd /build && cmake /src\n" },
    { name: "cd into a temporary folder", code: F + 'RUN cd "$(mktemp -d)" && make -C /src\n' },
  ],
  invalid: [
    { code: F + "RUN «cd» /opt\n", errors: [{ messageId: "cd" }] },
    {
      name: "chained in a builder stage",
      code: "FROM golang:1.23 AS build\nRUN go env && cd /go/src/app && make\nFROM scratch\n",
      errors: [{ messageId: "cd", line: 2, column: 15 }],
    },
    { name: "exec-form sh -c", code: F + 'RUN ["sh", "-c", "cd /opt && make"]\n', errors: [{ messageId: "cd" }] },
  ],
});
