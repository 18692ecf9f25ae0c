import { rule } from "../../../../server/src/engine/rules/dockerfile/prefer-slim-base";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\n",
    "FROM node:22-slim\n",
    { name: "full image in a builder is fine", code: "FROM python:3.13 AS builder\nFROM python:3.13-slim\n" },
    { name: "a dev stage", code: "FROM python:3.13-slim AS base\nFROM python:3.13 AS dev\n" },
    { name: "Alpine for Node is fine", code: "FROM node:22-alpine\n" },
    { name: "hardened runtime", code: "FROM dhi.io/python:3.13-debian13\n" },
    { name: "untagged is pin-base-image's business", code: "FROM python\n" },
  ],
  invalid: [
    { code: "FROM «python:3.13»\n", errors: [{ messageId: "fullImage" }], output: "FROM python:3.13-slim\n" },
    {
      name: "codename tag in the runtime stage",
      code: "FROM python:3.13 AS build\nFROM python:3.12-bookworm AS runtime\n",
      errors: [{ messageId: "fullImage", line: 2, column: 6 }],
      output: "FROM python:3.13 AS build\nFROM python:3.12-slim-bookworm AS runtime\n",
    },
    { name: "Alpine for Python (musl, wheels)", code: "FROM «python:3.12-alpine»\n", errors: [{ messageId: "alpinePython" }] },
    { name: "node full image", code: "FROM «node:22.11»\n", errors: [{ messageId: "fullImage" }], output: "FROM node:22.11-slim\n" },
  ],
});
