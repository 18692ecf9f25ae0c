import { rule } from "../../../../server/src/engine/rules/dockerfile/tls-verification-off";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "apk --allow-untrusted for packages built earlier and installed from local files",
      code: "FROM alpine:3.22\nCOPY --from=builder /packages /tmp/packages\nRUN if [ -d /tmp/packages ]; then apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-*.apk; fi\n",
    },
    "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/a.tgz -o /tmp/a.tgz\n",
    "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz && git config --global http.sslVerify true\n",
    { name: "a CA bundle instead", code: "FROM node:22-slim\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem NODE_TLS_REJECT_UNAUTHORIZED=1\n" },
    { name: "-k of another program", code: "FROM alpine:3.22\nRUN ssh-keygen -k -f /tmp/krl\n" },
    {
      name: "pip with an index but no trusted host",
      code: "FROM python:3.13-slim\nRUN pip install --index-url https://pypi.example.com/simple app==1.0\n",
    },
  ],
  invalid: [
    {
      name: "apk --allow-untrusted from a repository, inside an if branch",
      code: 'FROM alpine:3.22\nRUN if [ -n "$EXTRA" ]; then apk add --no-cache «--allow-untrusted» mytool; fi\n',
      errors: [{ messageId: "command" }],
    },
    {
      name: "curl -k",
      code: "FROM debian:bookworm-slim\nRUN curl «-k» -fsSL https://example.com/a.tgz -o /tmp/a.tgz\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "curl -sSk (combined short flags)",
      code: "FROM debian:bookworm-slim\nRUN curl «-sSk» https://example.com/a\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "curl --insecure and wget --no-check-certificate",
      code: "FROM debian:bookworm-slim\nRUN curl --insecure -o a https://e.com/a && wget --no-check-certificate https://e.com/b\n",
      errors: [{ messageId: "command" }, { messageId: "command" }],
    },
    {
      name: "pip --trusted-host",
      code: "FROM python:3.13-slim\nRUN pip install «--trusted-host» pypi.example.com app==1.0\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "git -c http.sslVerify=false",
      code: "FROM alpine:3.22\nRUN git -c «http.sslVerify=false» clone https://git.example.com/app.git\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "git config http.sslVerify false",
      code: "FROM alpine:3.22\nRUN git config --global «http.sslVerify» false\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "npm config set strict-ssl false",
      code: "FROM node:22-slim\nRUN npm config set «strict-ssl» false && npm ci\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "an assignment before the command",
      code: "FROM node:22-slim\nRUN «NODE_TLS_REJECT_UNAUTHORIZED=0» npm ci\n",
      errors: [{ messageId: "command" }],
    },
    {
      name: "ENV NODE_TLS_REJECT_UNAUTHORIZED=0",
      code: "FROM node:22-slim\nENV «NODE_TLS_REJECT_UNAUTHORIZED=0»\n",
      errors: [{ messageId: "env" }],
    },
    { name: "ENV PYTHONHTTPSVERIFY=0", code: "FROM python:3.13-slim\nENV PYTHONHTTPSVERIFY=0\n", errors: [{ messageId: "env", line: 2 }] },
    { name: "ARG GIT_SSL_NO_VERIFY=true", code: "FROM alpine:3.22\nARG GIT_SSL_NO_VERIFY=true\n", errors: [{ messageId: "env", line: 2 }] },
  ],
});
