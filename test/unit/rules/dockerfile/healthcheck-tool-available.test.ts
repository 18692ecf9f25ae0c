import { rule } from "../../../../server/src/engine/rules/dockerfile/healthcheck-tool-available";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      { name: "nginx:alpine (no version) ships curl", code: "FROM nginx:alpine\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n" },
      {
        name: "a build argument may choose another base",
        code: "ARG BASE=python:3.13-slim\nFROM ${BASE}\nHEALTHCHECK CMD curl -f http://localhost/\n",
      },
      {
        name: "curl || wget: BusyBox wget answers",
        code: "FROM python:3.13-alpine\nHEALTHCHECK CMD curl -f http://localhost/ || wget -q --spider http://localhost/ || exit 1\n",
      },
      {
        name: "a static curl downloaded to PATH",
        code: 'FROM python:3.13-slim\nRUN python -c \'import urllib.request as u; u.urlretrieve("https://example.com/curl", "/usr/local/bin/curl")\' && chmod +x /usr/local/bin/curl\nHEALTHCHECK CMD curl -f http://localhost/\n',
      },
      { name: "full python image ships curl", code: "FROM python:3.13\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n" },
      {
        name: "installed in the stage (production stage of practice 001)",
        code: "FROM python:3.13-slim AS production\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -f https://localhost:8000/health --insecure || exit 1\n",
      },
      {
        name: "Alpine has busybox wget",
        code: "FROM python:3.13-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost:8000/health || exit 1\n",
      },
      { name: "apk add curl", code: "FROM node:22-alpine\nRUN apk add --no-cache curl\nHEALTHCHECK CMD curl -f http://localhost:3000/\n" },
      {
        name: "installed in a parent stage",
        code: 'FROM python:3.13-slim AS base\nRUN apt-get install -y curl\nFROM base\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
      },
      {
        name: "curl copied in from an image",
        code: 'FROM dhi.io/python:3.13-debian13\nCOPY --from=curlimages/curl:8.10.1 /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
      },
      {
        name: "unknown base images are given the benefit of the doubt",
        code: "FROM myorg/base:1.0\nHEALTHCHECK CMD curl -f http://localhost/\n",
      },
      {
        name: "vendor Alpine images may add curl (nginx does)",
        code: "FROM nginx:1.27-alpine\nHEALTHCHECK CMD curl -f http://localhost/\n",
      },
      {
        name: "RUN installs then uses curl in the same RUN",
        code: "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y curl && curl -fsSL https://example.com/x -o /x\n",
      },
    ],
    invalid: [
      {
        name: "nginx alpine-slim has no curl",
        code: "FROM nginx:1.27-alpine-slim\nHEALTHCHECK CMD «curl» -f http://localhost/ || exit 1\n",
        errors: [{ messageId: "healthcheck" }],
      },
      {
        name: "curl purged again in the RUN that installed it",
        code: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && curl -o /x https://e.x/x && apt-get purge -y curl\nHEALTHCHECK CMD «curl» -f http://localhost/\n",
        errors: [{ messageId: "healthcheck" }],
      },
      {
        name: "slim image, curl never installed",
        code: "FROM python:3.13-slim\nHEALTHCHECK CMD «curl» --fail http://localhost:8000/health || exit 1\n",
        errors: [{ messageId: "healthcheck" }],
      },
      {
        name: "exec form on a hardened runtime",
        code: 'FROM dhi.io/python:3.13-debian13\nHEALTHCHECK CMD ["«curl»", "-f", "http://localhost:8000/health"]\n',
        errors: [{ messageId: "healthcheck" }],
      },
      {
        name: "curl installed in the builder, not in the runtime stage",
        code: "FROM python:3.13-slim AS builder\nRUN apt-get update && apt-get install -y curl\nFROM python:3.13-slim\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n",
        errors: [{ messageId: "healthcheck", line: 4, column: 17 }],
      },
      {
        name: "RUN before the install",
        code: "FROM debian:trixie-slim\nRUN curl -fsSL https://example.com/key.gpg -o /k\nRUN apt-get update && apt-get install -y curl\n",
        errors: [{ messageId: "run", line: 2, column: 5 }],
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
