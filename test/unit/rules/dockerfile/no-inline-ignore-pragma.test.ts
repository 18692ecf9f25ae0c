import { rule } from "../../../../server/src/engine/rules/dockerfile/no-inline-ignore-pragma";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "# hadolint shell=powershell\nFROM debian:bookworm-slim\nRUN foo bar\n",
    "# foobar\nFROM debian:bookworm-slim\nRUN foo bar\n",
    "# hadolint global ignore=DL3008\nFROM debian:bookworm-slim\n",
  ],
  invalid: [
    { code: "FROM debian:bookworm-slim\n«# hadolint ignore=DL3003»\nRUN cd /tmp\n", errors: [{ messageId: "inlinePragma" }] },
    { code: "FROM debian:bookworm-slim\n«#hadolint ignore=DL3003, DL3008»\nRUN cd /tmp\n", errors: [{ messageId: "inlinePragma" }] },
  ],
});
