import { rule } from "../../../../server/src/engine/rules/dockerfile/base-image-platform";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM --platform=linux/arm64 python:3.13-slim AS build-arm64\n",
    "FROM --platform=linux/arm/v7 alpine:3.20 AS arm\n",
    "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
    "FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
    "FROM --platform=windows/amd64 example.com/unknown:1.0\n",
    "FROM python:3.13-slim\n",
  ],
  invalid: [
    { code: "FROM --platform=«linux/aarm64» python:3.13-slim\n", errors: [{ messageId: "invalid" }] },
    { code: "FROM --platform=«amd64/linux» python:3.13-slim\n", errors: [{ messageId: "invalid" }] },
    { code: "FROM --platform=«linux/» python:3.13-slim\n", errors: [{ messageId: "invalid" }] },
    { code: "FROM --platform=«windows/amd64» alpine:3.20 AS win\n", errors: [{ messageId: "mismatch" }] },
    { code: "FROM --platform=«linux/amd64» mcr.microsoft.com/windows/servercore:ltsc2022\n", errors: [{ messageId: "mismatch" }] },
  ],
});
