import { rule } from "../../../../server/src/engine/rules/dockerfile/numeric-user";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nUSER 10001\n",
    "FROM python:3.13-slim\nUSER 10001:10001\n",
    "FROM python:3.13-slim\nARG UID=10001\nUSER ${UID}\n",
    "FROM python:3.13-slim\nARG UID=10001\nUSER $UID:app\n",
  ],
  invalid: [
    { code: "FROM python:3.13-slim\nUSER «app»\n", errors: [{ messageId: "named" }] },
    { code: "FROM python:3.13-slim\nUSER «app:app»\n", errors: [{ messageId: "named" }] },
    { code: "FROM python:3.13-slim\nUSER «$NOT_AN_ARG»\n", errors: [{ messageId: "named" }] },
  ],
});
