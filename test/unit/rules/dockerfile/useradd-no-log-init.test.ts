import { rule } from "../../../../server/src/engine/rules/dockerfile/useradd-no-log-init";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n",
    "FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 1000000 app\n",
    "FROM debian:bookworm-slim\nRUN useradd -u 10000 app\n",
    "FROM debian:bookworm-slim\nRUN useradd app\n",
  ],
  invalid: [
    {
      code: "FROM debian:bookworm-slim\nRUN «useradd -u 123456 app»\n",
      errors: [{ messageId: "noLogInit" }],
      output: "FROM debian:bookworm-slim\nRUN useradd -l -u 123456 app\n",
    },
    {
      code: "FROM debian:bookworm-slim\nRUN groupadd -g 1000000 app && useradd --uid=1000000 -g app app\n",
      errors: [{ messageId: "noLogInit", line: 2, column: 32 }],
      output: "FROM debian:bookworm-slim\nRUN groupadd -g 1000000 app && useradd -l --uid=1000000 -g app app\n",
    },
  ],
});
