import { rule } from "../../../../server/src/engine/rules/dockerfile/onbuild-invalid-trigger";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM node:22-slim\nONBUILD RUN npm ci\n", "FROM node:22-slim\nONBUILD COPY . .\n"],
  invalid: [
    { code: "FROM node:22-slim\nONBUILD «ONBUILD» RUN x\n", errors: [{ messageId: "invalidTrigger" }] },
    { code: "FROM node:22-slim\nONBUILD «FROM» debian\n", errors: [{ messageId: "invalidTrigger" }] },
    { code: "FROM node:22-slim\nonbuild «maintainer» me\n", errors: [{ messageId: "invalidTrigger" }] },
  ],
});
