import { rule } from "../../../../server/src/engine/rules/dockerfile/pin-base-image";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { name: "a distribution's release name is its version", code: "FROM debian:bookworm-slim\nFROM ubuntu:noble\n" },
    { name: "a version with a variant", code: "FROM node:22-alpine\n" },
    { name: "distroless: the version is in the name, the tag is a variant", code: "FROM gcr.io/distroless/python3-debian12:nonroot\n" },
    "FROM python:3.13-slim\n",
    "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    { name: "scratch", code: "FROM scratch\nCOPY app /app\n" },
    { name: "part of the name from an ARG without a default (given at build time)", code: "ARG BASEIMAGE\nFROM temporalio/${BASEIMAGE}\n" },
    {
      name: "COPY --from an image named by an ARG without a default",
      code: "ARG TOOLS\nFROM python:3.13-slim\nCOPY --from=ghcr.io/acme/$TOOLS /bin/t /bin/t\n",
    },
    { name: "a later FROM naming an earlier stage", code: "FROM python:3.13-slim AS base\nFROM base AS runtime\n" },
    { name: "COPY --from a stage", code: "FROM python:3.13-slim AS builder\nFROM python:3.13-slim\nCOPY --from=builder /app /app\n" },
    { name: "COPY --from a stage index", code: "FROM python:3.13-slim\nFROM python:3.13-slim\nCOPY --from=0 /app /app\n" },
    {
      name: "COPY --from a pinned image",
      code: "FROM python:3.13-slim\nCOPY --from=dhi.io/uv:0-debian13-dev /usr/local/bin/uv /usr/local/bin/\n",
    },
    { name: "ARG default expands to a pinned tag", code: "ARG PY=3.13\nFROM python:${PY}-slim\n" },
    { name: "unknown ARG without default is not judged", code: "ARG BASE\nFROM ${BASE}\n" },
    { name: "digest not required by default", code: "FROM python:3.13-slim\n" },
    {
      name: "requireDigest accepts a digest on the final stage, ignores builders",
      code: "FROM python:3.13 AS build\nFROM python:3.13-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
      options: { requireDigest: true },
    },
  ],
  invalid: [
    {
      name: "a channel tag",
      code: "FROM «node:lts»\n",
      errors: [{ messageId: "floating" }],
    },
    {
      name: "a variant-only tag, also in COPY --from",
      code: "FROM «nginx:alpine»\nCOPY --from=«ghcr.io/acme/tools:slim» /bin/tool /usr/local/bin/\n",
      errors: [{ messageId: "variantOnly" }, { messageId: "variantOnly" }],
    },
    {
      name: "an edge distribution",
      code: "FROM «alpine:edge»\n",
      errors: [{ messageId: "floating" }],
    },
    {
      name: "an ARG whose default leaves the image untagged",
      code: "ARG IMAGE=python\nFROM «${IMAGE}»\n",
      errors: [{ messageId: "untagged" }],
    },
    { name: "DL3006: untagged", code: "FROM «python»\n", errors: [{ messageId: "untagged" }], output: "FROM python:3.13\n" },
    { name: "DL3007: latest", code: "FROM «node:latest»\n", errors: [{ messageId: "latest" }], output: "FROM node:22\n" },
    { name: "registry with port, untagged, no known pin", code: "FROM «localhost:5000/team/app»\n", errors: [{ messageId: "untagged" }] },
    {
      name: "builder stage counts too",
      code: "FROM python AS builder\nFROM python:3.13-slim\n",
      errors: [{ messageId: "untagged", line: 1, column: 6 }],
      output: "FROM python:3.13 AS builder\nFROM python:3.13-slim\n",
    },
    {
      name: "the uv image in COPY --from",
      code: "FROM python:3.13-slim\nCOPY --from=«ghcr.io/astral-sh/uv:latest» /uv /usr/local/bin/uv\n",
      errors: [{ messageId: "latest" }],
      output: "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv\n",
    },
    {
      name: "ARG-expanded FROM resolving to latest (no fix: the ARG is what to change)",
      code: "ARG TAG=latest\nFROM «python:${TAG}»\n",
      errors: [{ messageId: "latest" }],
    },
    {
      name: "requireDigest on the production stage",
      code: "FROM python:3.13 AS build\nFROM «python:3.13-slim»\n",
      options: { requireDigest: true },
      errors: [{ messageId: "noDigest" }],
    },
    {
      name: "lower-case from, tag latest with platform flag",
      code: "from --platform=linux/amd64 «alpine:latest»\n",
      errors: [{ messageId: "latest" }],
      output: "from --platform=linux/amd64 alpine:3.22\n",
    },
  ],
});
