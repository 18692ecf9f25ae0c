import { rule } from "../../../../server/src/engine/rules/dockerfile/from-platform-flag";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM debian:jessie\n",
    "FROM --platform=$BUILDPLATFORM debian:jessie\n",
    'FROM --platform="$BUILDPLATFORM" debian:jessie\n',
    "FROM --platform=${BUILDPLATFORM} debian:jessie\n",
    "FROM --platform=${BUILDPLATFORM:-} debian:jessie\n",
    'FROM --platform="${BUILDPLATFORM:-}" debian:jessie\n',
    "FROM --platform=$TARGETPLATFORM debian:jessie\n",
    {
      name: "a platform from any build argument is not a constant (as BuildKit)",
      code: "ARG PLATFORM\nFROM --platform=$PLATFORM python:3.13-slim\n",
    },
    "FROM --platform=linux/${ARCH} debian:jessie\n",
    {
      name: "per-architecture stage (BuildKit)",
      code: "FROM --platform=linux/amd64 alpine AS build_amd64\nFROM --platform=linux/arm64 alpine AS build_arm64\n",
    },
  ],
  invalid: [
    {
      name: "BuildKit FromPlatformFlagConstDisallowed: constant platform in a stage not named for it",
      code: "FROM --platform=linux/amd64 alpine AS base\nRUN apk add --no-cache git\n",
      errors: [{ messageId: "platform" }],
      output: "FROM alpine AS base\nRUN apk add --no-cache git\n",
    },
    { code: "FROM «--platform=linux» debian:jessie\n", errors: [{ messageId: "platform" }], output: "FROM debian:jessie\n" },
    {
      name: "a constant in a later stage",
      code: "FROM python:3.13 AS build\nFROM --platform=linux/arm64 python:3.13-slim AS runtime\n",
      errors: [{ messageId: "platform", line: 2, column: 6 }],
      output: "FROM python:3.13 AS build\nFROM python:3.13-slim AS runtime\n",
    },
  ],
});
