import { rule } from "../../../../server/src/engine/rules/dockerfile/shell-removed-before-run";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "shell removed last",
        code: 'FROM python:3.11-slim\nRUN chmod -R 755 /app\nRUN rm /bin/sh && ln -s /bin/false /bin/sh\nCMD ["python", "app.py"]\n',
      },
      { name: "commands after rm in the same RUN still run", code: "FROM python:3.11-slim\nRUN rm /bin/sh && echo done\n" },
      {
        name: "hardened runtime with only COPY and JSON forms",
        code: 'FROM dhi.io/python:3.13-debian13\nCOPY --from=builder /app /app\nHEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["python", "-m", "app"]\n',
      },
      { name: "-dev hardened images have a shell", code: "FROM dhi.io/python:3.13-debian13-dev AS builder\nRUN uv sync --frozen\n" },
      { name: "/bin/sh replaced by another shell", code: "FROM debian:trixie-slim\nRUN ln -sf /bin/bash /bin/sh\nRUN echo hi\n" },
      {
        name: "another stage is not affected",
        code: "FROM debian:trixie-slim AS a\nRUN rm /bin/sh\nFROM debian:trixie-slim\nRUN echo hi\n",
      },
      { name: "SHELL switches to bash", code: 'FROM debian:trixie-slim\nRUN rm /bin/sh\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\n' },
    ],
    invalid: [
      {
        name: "practice 002: rm /bin/sh then another RUN",
        code: "FROM python:3.11-slim as runtime\nRUN rm /bin/sh && ln -s /bin/false /bin/sh\n«RUN» chmod -R 755 /app\n",
        errors: [{ messageId: "removed" }],
      },
      {
        name: "shell-form CMD and HEALTHCHECK after removal",
        code: "FROM python:3.13-slim\nRUN rm -f /bin/sh\nHEALTHCHECK CMD python -c 1\nCMD python app.py\n",
        errors: [
          { messageId: "removed", line: 3 },
          { messageId: "removed", line: 4 },
        ],
      },
      {
        name: "inherited by a child stage",
        code: 'FROM debian:trixie-slim AS locked\nRUN ln -sf /usr/sbin/nologin /bin/sh\nFROM locked\nRUN ["/bin/sh", "-c", "echo"]\n',
        errors: [{ messageId: "removed", line: 4 }],
      },
      {
        name: "hardened runtime base has no shell",
        code: "FROM dhi.io/python:3.13-debian13\n«RUN» pip install requests\n",
        errors: [{ messageId: "absent" }],
      },
      {
        name: "distroless and shell-form ENTRYPOINT",
        code: "FROM gcr.io/distroless/python3-debian12\n«ENTRYPOINT» python app.py\n",
        errors: [{ messageId: "absent" }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
