import { rule } from "../../../../server/src/engine/rules/dockerfile/label-key-format";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nLABEL org.opencontainers.image.source="https://example.com" version=1 com.example/team_a=x\n',
    'FROM python:3.13-slim\nLABEL "com.example.vendor"="ACME"\n',
  ],
  invalid: [
    { code: "FROM python:3.13-slim\nLABEL «Maintainer»=jane\n", errors: [{ messageId: "invalidKey" }] },
    { code: "FROM python:3.13-slim\nLABEL «com.docker.foo»=x\n", errors: [{ messageId: "invalidKey" }] },
    {
      code: "FROM python:3.13-slim\nLABEL ok=1 «a..b»=2 trailing-=3\n",
      errors: [{ messageId: "invalidKey" }, { messageId: "invalidKey", column: 19 }],
    },
    { code: "FROM python:3.13-slim\nLABEL «1abc»=x\n", errors: [{ messageId: "invalidKey" }] },
    { code: "FROM python:3.13-slim\nLABEL «a$b»=x\n", errors: [{ messageId: "invalidKey" }] },
  ],
});
