import { rule } from "../../../../server/src/engine/rules/dockerfile/non-root-user";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "an interpreter image built for others (a CMD that only opens python, nothing from the context but scripts)",
        code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python3"]\n',
      },
      {
        name: "the entrypoint steps down with gosu installed as a package",
        code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gosu postgresql && rm -rf /var/lib/apt/lists/*\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
      },
      {
        name: "the entrypoint steps down with gosu downloaded to PATH",
        code: 'FROM alpine:3.22\nRUN wget -O /usr/local/bin/gosu https://example.com/gosu-amd64 && chmod +x /usr/local/bin/gosu\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]\n',
      },
      {
        name: "su-exec on Alpine",
        code: 'FROM alpine:3.22\nRUN apk add --no-cache su-exec redis\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["redis-server"]\n',
      },
      {
        name: "nginx runs its workers as an unprivileged user itself",
        code: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*\nCOPY site/ /var/www/html/\nCMD nginx -g 'daemon off;'\n",
      },
      {
        name: "php-fpm pools run as www-data",
        code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends php-fpm && rm -rf /var/lib/apt/lists/*\nCOPY src/ /var/www/\nCMD ["/usr/sbin/php-fpm8.2", "-F"]\n',
      },
      { name: "inherited USER jenkins", code: "FROM jenkins/jenkins:2.479.1-lts\nRUN jenkins-plugin-cli --plugins git\n" },
      {
        name: "jenkins: root for apt, then back",
        code: "FROM jenkins/jenkins:lts-jdk21\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends make\nUSER jenkins\n",
      },
      { name: "nginx-unprivileged runs as 101", code: "FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n" },
      { name: "bitnami runs as 1001", code: 'FROM bitnami/python:3.13\nCMD ["python", "app.py"]\n' },
      {
        name: "a base image for others: no CMD or ENTRYPOINT",
        code: "FROM python:3.13-slim\nRUN pip install --no-cache-dir numpy==2.1.3\n",
      },
      { name: "unknown base: its user is unknown", code: 'FROM ghcr.io/acme/runtime:1.4\nCMD ["app"]\n' },
      { name: "ARG-parameterised base without a default", code: 'ARG BASE\nFROM ${BASE}\nCMD ["app"]\n' },
      'FROM python:3.13-slim\nRUN useradd --create-home app\nUSER app\nCMD ["python", "app.py"]\n',
      {
        name: "root in the builder does not matter",
        code: "FROM python:3.13 AS builder\nUSER root\nRUN pip wheel .\nFROM python:3.13-slim\nUSER 1000:1000\n",
      },
      {
        name: "USER inherited from a parent stage",
        code: 'FROM python:3.13-slim AS base\nUSER app\nFROM base AS runtime\nCMD ["python"]\n',
      },
      { name: "hardened runtime images run as nonroot", code: 'FROM dhi.io/python:3.13-debian13\nCMD ["python", "-m", "app"]\n' },
      { name: "distroless nonroot", code: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCMD ["app.py"]\n' },
      { name: "dev stage may run as root", code: "FROM python:3.13-slim AS base\nUSER app\nFROM base AS dev\nUSER root\n" },
      { name: "a dev Dockerfile", code: 'FROM python:3.13-slim\nCMD ["python"]\n', fileName: "Dockerfile.dev" },
      { name: "root then back to a user", code: "FROM python:3.13-slim\nUSER root\nRUN apt-get update\nUSER app\n" },
    ],
    invalid: [
      {
        name: "an interpreter CMD in an image that ships the application",
        code: '«FROM python:3.13-slim»\nCOPY . /app\nCMD ["python3"]\n',
        errors: [{ messageId: "noUser" }],
      },
      {
        name: "gosu installed, but no ENTRYPOINT uses it",
        code: '«FROM debian:bookworm-slim»\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*\nCOPY app /app\nCMD ["/app"]\n',
        errors: [{ messageId: "noUser" }],
      },
      {
        name: "a server that does not switch users itself",
        code: '«FROM alpine:3.22»\nRUN apk add --no-cache redis\nCOPY redis.conf /etc/redis.conf\nCMD ["redis-server", "/etc/redis.conf"]\n',
        errors: [{ messageId: "noUser" }],
      },
      {
        name: "a non-root base switched to root and never back (even without a CMD of its own)",
        code: "FROM jenkins/jenkins:lts-jdk21\n«USER root»\nRUN apt-get update && apt-get install -y --no-install-recommends make\n",
        errors: [{ messageId: "rootUser" }],
        output:
          "FROM jenkins/jenkins:lts-jdk21\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends make\nUSER jenkins\n",
      },
      {
        name: "ARG-parameterised base: the default's user counts",
        code: 'ARG BASE=python:3.13-slim\nFROM ${BASE}\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        errors: [{ messageId: "noUser", line: 2 }],
      },
      {
        name: "CKV_DOCKER_3: no USER on Debian: groupadd/useradd before CMD",
        code: '«FROM python:3.13-slim»\nWORKDIR /app\nCMD ["python", "app.py"]\n',
        errors: [{ messageId: "noUser" }],
        output:
          'FROM python:3.13-slim\nWORKDIR /app\nRUN groupadd --system app && useradd --system --gid app --create-home app\nUSER app\nCMD ["python", "app.py"]\n',
      },
      {
        name: "Alpine: addgroup -S/adduser -S, appended when the CMD is inherited from a parent stage",
        code: 'FROM node:22-alpine AS base\nCMD ["node", "server.js"]\nFROM base\nCOPY . .',
        errors: [{ messageId: "noUser", line: 3 }],
        output:
          'FROM node:22-alpine AS base\nCMD ["node", "server.js"]\nFROM base\nCOPY . .\nRUN addgroup -S app && adduser -S -G app app\nUSER app\n',
      },
      {
        name: "a user is created but never used: only USER is added",
        code: 'FROM python:3.13-slim\nRUN groupadd -r appuser && useradd -r -g appuser appuser\nCOPY app/ /app/\nENTRYPOINT ["/app/entrypoint.sh"]\n',
        errors: [{ messageId: "noUser", line: 1 }],
        output:
          'FROM python:3.13-slim\nRUN groupadd -r appuser && useradd -r -g appuser appuser\nCOPY app/ /app/\nUSER appuser\nENTRYPOINT ["/app/entrypoint.sh"]\n',
      },
      {
        name: "DL3002: last USER is root",
        code: 'FROM python:3.13-slim\nRUN useradd app\nUSER app\nRUN echo\n«USER root»\nCMD ["python"]\n',
        errors: [{ messageId: "rootUser" }],
        output: 'FROM python:3.13-slim\nRUN useradd app\nUSER app\nRUN echo\nUSER root\nUSER app\nCMD ["python"]\n',
      },
      {
        name: "USER 0:0 in the final stage of a multi-stage build",
        code: 'FROM python:3.13 AS build\nFROM python:3.13-slim\nUSER 0:0\nENTRYPOINT ["python"]\n',
        errors: [{ messageId: "rootUser", line: 3 }],
      },
      {
        name: "hardened -dev variant has no non-root default",
        code: 'FROM dhi.io/python:3.13-debian13-dev\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        errors: [{ messageId: "noUser" }],
        output: 'FROM dhi.io/python:3.13-debian13-dev\nCOPY app.py .\nUSER nonroot\nCMD ["python", "app.py"]\n',
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD RUN runs in a later build that uses this image, not in this one; the rule is about what this image contains",
    },
  },
);
