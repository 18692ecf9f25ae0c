import { rule } from "../../../../server/src/engine/rules/dockerfile/hardened-base-image";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM dhi.io/python:3.13-debian13\n",
      { name: "builders are not judged", code: "FROM python:3.13 AS builder\nFROM dhi.io/python:3.13-debian13\n" },
      { name: "images we know no equivalent for", code: "FROM myorg/app:1.2\n" },
      { name: "a dev stage", code: "FROM python:3.13-slim AS dev\n" },
    ],
    invalid: [
      {
        name: "slim runtime with only COPY and exec-form CMD",
        code: 'FROM python:3.13 AS builder\nFROM «python:3.13-slim»\nCOPY --from=builder /app /app\nCMD ["python", "-m", "app"]\n',
        errors: [{ messageId: "useHardened" }],
        output:
          'FROM python:3.13 AS builder\nFROM dhi.io/python:3.13-debian13\nCOPY --from=builder /app /app\nCMD ["python", "-m", "app"]\n',
      },
      {
        name: "custom registry prefix, Alpine flavour",
        code: "FROM «node:22-alpine»\n",
        options: { registry: "registry.example.com/dhi" },
        errors: [{ messageId: "useHardened" }],
        output: "FROM registry.example.com/dhi/node:22-alpine3.22\n",
      },
      {
        name: "an exec-form HEALTHCHECK works without a shell: still fixable",
        code: 'FROM «python:3.13-slim»\nHEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["python", "-m", "app"]\n',
        errors: [{ messageId: "useHardened" }],
        output: 'FROM dhi.io/python:3.13-debian13\nHEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["python", "-m", "app"]\n',
      },
      {
        name: "a shell-form HEALTHCHECK needs a shell",
        code: "FROM «python:3.13-slim»\nHEALTHCHECK CMD python -c 1\n",
        errors: [{ messageId: "useHardenedAfterChanges" }],
      },
      {
        name: "RUN steps need a shell: no fix, different message",
        code: "FROM «python:3.13-slim»\nRUN pip install requests\n",
        errors: [{ messageId: "useHardenedAfterChanges" }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
