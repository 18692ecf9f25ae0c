import { rule } from "../../../../server/src/engine/rules/dockerfile/run-without-effect";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM python:3.13-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install requests==2.32.3\n",
      { name: "a lone cd is workdir-instead-of-cd's", code: "FROM alpine:3.22\nRUN cd /srv\n" },
      { name: "set -e before real work", code: "FROM alpine:3.22\nRUN set -eux; apk add --no-cache curl\n" },
      "FROM alpine:3.22\nENV PATH=/opt/app/bin:$PATH\n",
    ],
    invalid: [
      {
        name: "RUN export: ENV instead (a suggestion)",
        code: "FROM python:3.13-slim\nRUN «export PIP_NO_CACHE_DIR=1»\nRUN pip install requests==2.32.3\n",
        errors: [{ messageId: "noEffect" }],
        output: "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3\n",
      },
      {
        name: "cd and export together",
        code: "FROM node:22-slim\nRUN cd /app && export NODE_ENV=production\n",
        errors: [{ messageId: "noEffect", line: 2 }],
      },
      { name: "set -o pipefail alone", code: "FROM alpine:3.22\nRUN set -o pipefail\n", errors: [{ messageId: "noEffect", line: 2 }] },
      { name: "source a file", code: "FROM python:3.13-slim\nRUN . /venv/bin/activate\n", errors: [{ messageId: "noEffect", line: 2 }] },
      { name: "a bare assignment", code: "FROM alpine:3.22\nRUN DEBUG=1\n", errors: [{ messageId: "noEffect", line: 2 }] },
    ],
  },
  { onbuild: { noFix: "ENV replaces a plain RUN only; ONBUILD RUN export is reported without a fix" } },
);
