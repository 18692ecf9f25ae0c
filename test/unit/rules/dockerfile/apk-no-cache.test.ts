import { rule } from "../../../../server/src/engine/rules/dockerfile/apk-no-cache";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM alpine:3.21\n";
const ok = (run: string) => F + `RUN ${run}\n`;

testRule(rule, {
  valid: [
    {
      name: "--no-network downloads nothing (recording run-time deps of what is already installed)",
      code: "FROM alpine:3.21\nRUN apk add --no-network --virtual .rundeps so:libssl.so.3\n",
    },
    {
      name: "a builder stage only copied from: its cache is thrown away",
      notOnbuild: "an ONBUILD trigger runs in the child image, which ships",
      code: "FROM alpine:3.21 AS build\nRUN apk add gcc musl-dev && gcc -o /hello /src/hello.c\nFROM alpine:3.21\nCOPY --from=build /hello /hello\n",
    },
    ok("apk add --no-cache flex=2.6.4-r1"),
    ok("--mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0"),
    ok("--mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0"),
    ok("--mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0"),
    ok("apk del curl"),
  ],
  invalid: [
    {
      name: "a stage another stage builds FROM ships its cache",
      code: "FROM alpine:3.21 AS base\nRUN «apk add» curl\nFROM base\n",
      errors: [{ messageId: "noCache" }],
      output: "FROM alpine:3.21 AS base\nRUN apk add --no-cache curl\nFROM base\n",
    },
    {
      name: "exec form",
      code: 'FROM alpine:3.21\nRUN ["apk", "add", "curl"]\n',
      errors: [{ messageId: "noCache" }],
      output: 'FROM alpine:3.21\nRUN ["apk", "add", "--no-cache", "curl"]\n',
    },
    { code: F + "RUN «apk add» flex=2.6.4-r1\n", errors: [{ messageId: "noCache" }], output: F + "RUN apk add --no-cache flex=2.6.4-r1\n" },
    {
      name: "cache mount on another folder",
      code: ok("--mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0"),
      errors: [{ messageId: "noCache" }],
      output: ok("--mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0"),
    },
    {
      name: "tmpfs on another folder",
      code: ok("--mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0"),
      errors: [{ messageId: "noCache" }],
    },
    {
      name: "stage another stage builds on, with update",
      code: "FROM alpine:3.21 AS build\nRUN apk update && apk add build-base\nFROM build\n",
      errors: [{ messageId: "noCache", line: 2, column: 19 }],
      output: "FROM alpine:3.21 AS build\nRUN apk update && apk add --no-cache build-base\nFROM build\n",
    },
  ],
});
