import { rule } from "../../../../server/src/engine/rules/dockerfile/consolidate-run";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM debian:bookworm-slim\nRUN a\nWORKDIR /x\nRUN b\n",
      { name: "different mounts", code: "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/a a\nRUN b\n" },
      { name: "already chained", code: "FROM debian:bookworm-slim\nRUN a && b && c\nRUN d\n" },
      { name: "across stages", code: "FROM debian:bookworm-slim\nRUN a\nFROM debian:bookworm-slim\nRUN b\n" },
    ],
    invalid: [
      {
        code: "FROM debian:bookworm-slim\nRUN mkdir -p /app\n«RUN» chmod 700 /app\n",
        errors: [{ messageId: "consecutive" }],
        output: "FROM debian:bookworm-slim\nRUN mkdir -p /app && \\\n    chmod 700 /app\n",
      },
      {
        name: "a shell comment in the first RUN blocks the fix",
        code: "FROM debian:bookworm-slim\nRUN a # note\n«RUN» b\n",
        errors: [{ messageId: "consecutive" }],
      },
      {
        name: "a comment in between does not separate them, but blocks the fix",
        code: "FROM debian:bookworm-slim\nRUN a\n# then\n«RUN» b\n",
        errors: [{ messageId: "consecutive" }],
      },
    ],
  },
  { onbuild: { skip: "ONBUILD RUN triggers are separate steps of another build; joining them with RUN is different advice" } },
);
