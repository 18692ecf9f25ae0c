import { rule } from "../../../../server/src/engine/rules/dockerfile/no-pointless-commands";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [F + "RUN apt-get install ssh\n", F + "RUN apt-get install -y vim procps\n", F + "RUN echo top\n", F + 'CMD ["top"]\n'],
  invalid: [
    { code: F + "RUN «top»\n", errors: [{ messageId: "pointless" }] },
    { name: "in ONBUILD", code: F + "ONBUILD RUN top\n", errors: [{ messageId: "pointless" }] },
    {
      name: "several in one RUN",
      code: F + "RUN service nginx start && ps aux\n",
      errors: [
        { messageId: "pointless", line: 2, column: 5 },
        { messageId: "pointless", line: 2, column: 28 },
      ],
    },
    { name: "behind sudo", code: F + "RUN sudo shutdown -h now\n", errors: [{ messageId: "pointless", column: 10 }] },
  ],
});
