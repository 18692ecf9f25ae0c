import { rule } from "../../../../server/src/engine/rules/dockerfile/wget-progress";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    {
      name: "BusyBox wget on Alpine rejects --progress: not reported",
      code: "FROM alpine:3.22\nRUN wget -O /tmp/a https://example.com/a\n",
    },
    { name: "node alpine: BusyBox wget", code: "FROM node:22-alpine\nRUN wget https://example.com/a\n" },
    {
      name: "no wget at all (slim): another rule reports the missing tool",
      code: "FROM debian:bookworm-slim\nRUN wget https://example.com/a\n",
    },
    "FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -qO- https://example.com/a | tar x\n",
    "FROM debian:bookworm-slim\nRUN wget -nv https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget --no-verbose https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN wget -o /tmp/log https://example.com/a\n",
    "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a\n",
  ],
  invalid: [
    {
      code: "FROM python:3.13\nRUN «wget https://example.com/a»\n",
      errors: [{ messageId: "noProgress" }],
      output: "FROM python:3.13\nRUN wget --progress=dot:giga https://example.com/a\n",
    },
    {
      name: "GNU wget installed earlier in the same RUN",
      code: "FROM debian:bookworm-slim\nRUN apt-get install -y wget && wget -O a.tgz https://example.com/a\n",
      errors: [{ messageId: "noProgress", line: 2, column: 32 }],
      output: "FROM debian:bookworm-slim\nRUN apt-get install -y wget && wget --progress=dot:giga -O a.tgz https://example.com/a\n",
    },
  ],
});

describe("wget-progress fix safety", () => {
  const safeOf = (code: string) => runRule(rule, { code }).findings.map((f) => f.fixes[0]?.safe);
  it("safe where the model knows GNU wget runs", () => {
    assert.deepEqual(safeOf("FROM python:3.13\nRUN wget https://example.com/a\n"), [true]);
    assert.deepEqual(safeOf("FROM alpine:3.22\nRUN apk add --no-cache wget && wget https://example.com/a\n"), [true]);
  });
  it("a suggestion where the wget is unknown", () => {
    assert.deepEqual(safeOf("FROM ghcr.io/acme/base:1\nRUN wget https://example.com/a\n"), [false]);
    assert.deepEqual(
      safeOf("ARG BASE=python:3.13\nFROM $BASE\nRUN wget https://example.com/a\n"),
      [false],
      "a build argument may pick an Alpine base",
    );
  });
});
