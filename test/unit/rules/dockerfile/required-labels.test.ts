import { rule } from "../../../../server/src/engine/rules/dockerfile/required-labels";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nLABEL org.opencontainers.image.source="https://x" org.opencontainers.image.licenses=MIT\n',
    {
      name: "labels inherited from the parent stage; the copied-from builder is exempt",
      code: 'FROM python:3.13 AS build\nRUN make\nFROM python:3.13-slim AS base\nLABEL org.opencontainers.image.source="https://x" org.opencontainers.image.licenses=MIT\nFROM base\nCOPY --from=build /out /out\n',
    },
    { code: "FROM python:3.13-slim\nLABEL team=data\n", options: { labels: ["team"], strict: true } },
  ],
  invalid: [
    {
      code: "«FROM» python:3.13-slim\nLABEL org.opencontainers.image.source=https://x\n",
      errors: [{ messageId: "missing" }],
    },
    {
      name: "an unused stage is an image of its own",
      code: "FROM python:3.13-slim AS tools\nLABEL team=data\nFROM python:3.13-slim\nLABEL team=data\n",
      options: { labels: ["team", "owner"], strict: true },
      errors: [
        { messageId: "missing", line: 1 },
        { messageId: "missing", line: 3 },
      ],
    },
    {
      code: "FROM python:3.13-slim\nLABEL team=data «extra»=1\n",
      options: { labels: ["team"], strict: true },
      errors: [{ messageId: "superfluous" }],
    },
  ],
});
