import { rule } from "../../../../server/src/engine/rules/dockerfile/use-shell-instruction";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
    "FROM debian:bookworm-slim\nRUN ln -s /usr/bin/python3 /usr/bin/python\n",
  ],
  invalid: [
    { code: "FROM debian:bookworm-slim\nRUN «ln -sfv /bin/bash /bin/sh»\n", errors: [{ messageId: "relink" }] },
    { code: "FROM debian:bookworm-slim\nRUN rm /bin/sh && «ln -s /bin/bash /bin/sh»\n", errors: [{ messageId: "relink" }] },
  ],
});
