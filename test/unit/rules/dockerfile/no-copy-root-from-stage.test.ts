import { rule } from "../../../../server/src/engine/rules/dockerfile/no-copy-root-from-stage";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13 AS build\nFROM python:3.13-slim\nCOPY --from=build /install /usr/local\n",
    "FROM python:3.13-slim\nCOPY / /\n",
    "FROM python:3.13 AS build\nFROM python:3.13-slim\nCOPY --from=build / /srv/\n",
  ],
  invalid: [
    { code: "FROM python:3.13 AS build\nFROM scratch\n«COPY --from=build / /»\n", errors: [{ messageId: "wholeFilesystem" }] },
    { code: 'FROM python:3.13 AS build\nFROM scratch\n«COPY --from=build ["/", "/"]»\n', errors: [{ messageId: "wholeFilesystem" }] },
  ],
});
