import { rule } from "../../../../server/src/engine/rules/dockerfile/label-value-format";
import { testRule } from "../../helpers/ruleTester";

const schema = {
  "org.example.commit": "hash",
  "org.example.version": "semver",
  "org.example.contact": "email",
  "org.example.name": "text",
};

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nLABEL org.opencontainers.image.created="2025-01-31T12:00:00Z" org.opencontainers.image.source="https://github.com/acme/app"\n',
    'FROM python:3.13-slim\nLABEL org.opencontainers.image.licenses="Apache-2.0 OR (MIT AND BSD-3-Clause)"\n',
    "FROM python:3.13-slim\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE\n",
    "FROM python:3.13-slim\nLABEL unrelated=\n",
    {
      code: 'FROM python:3.13-slim\nLABEL org.example.commit=0123abc org.example.version=1.2.3-rc.1 org.example.contact=dev@example.com org.example.name="x"\n',
      options: { schema },
    },
  ],
  invalid: [
    { code: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.created=«"yesterday"»\n', errors: [{ messageId: "badFormat" }] },
    { code: "FROM python:3.13-slim\nLABEL org.opencontainers.image.source=«github.com/acme»\n", errors: [{ messageId: "badFormat" }] },
    { code: "FROM python:3.13-slim\nLABEL org.opencontainers.image.licenses=«MIT+AND»\n", errors: [{ messageId: "badFormat" }] },
    { code: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.licenses=«"MIT AND"»\n', errors: [{ messageId: "badFormat" }] },
    { code: 'FROM python:3.13-slim\nLABEL «org.opencontainers.image.url»=""\n', errors: [{ messageId: "empty" }] },
    {
      code: "FROM python:3.13-slim\nLABEL org.example.commit=«0123ABC» org.example.version=1.2 org.example.contact=nobody org.example.name=\n",
      options: { schema },
      errors: [{ messageId: "badFormat" }, { messageId: "badFormat" }, { messageId: "badFormat" }, { messageId: "empty", column: 85 }],
    },
  ],
});
