import { rule } from "../../../../server/src/engine/rules/dockerfile/unique-stage-names";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { name: "BuildKit check=skip maps through equivalents", code: "# check=skip=DuplicateStageName\nFROM a AS x\nFROM b AS x\n" },
    "FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz\n",
    "FROM a\nFROM b\n",
  ],
  invalid: [
    {
      name: "BuildKit DuplicateStageName",
      code: "FROM debian:bookworm AS builder\nRUN make\nFROM golang:1.23 AS builder\nRUN go build\n",
      errors: [{ messageId: "duplicate", line: 3, column: 21 }],
    },
    { code: "FROM node as foo\nRUN something\nFROM scratch as «foo»\nRUN something\n", errors: [{ messageId: "duplicate" }] },
    {
      name: "case differs, third use too",
      code: "FROM a AS base\nFROM b AS Base\nFROM c AS BASE\n",
      errors: [
        { messageId: "duplicate", line: 2, column: 11 },
        { messageId: "duplicate", line: 3, column: 11 },
      ],
    },
  ],
});
