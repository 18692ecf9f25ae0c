import { rule } from "../../../../server/src/engine/rules/dockerfile/pipe-to-shell";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.11-slim\nRUN pip install --no-cache-dir poetry==1.8.3\n",
    "FROM debian:trixie-slim\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n",
    "FROM debian:trixie-slim\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && echo 'abc  /tmp/i.sh' | sha256sum -c && sh /tmp/i.sh\n",
    "FROM alpine:3.22\nRUN wget -qO- https://example.com/a.tar.gz | tar -xz -C /opt\n",
  ],
  invalid: [
    {
      name: "practice 002: Poetry via curl | python3 -",
      code: "FROM python:3.11-slim as builder\nRUN «curl -sSL https://install.python-poetry.org | python3 -»\n",
      errors: [{ messageId: "piped" }],
    },
    {
      name: "uv installer into sh, after other commands",
      code: "FROM python:3.13-slim\nRUN apt-get update && «curl -LsSf https://astral.sh/uv/install.sh | sh»\n",
      errors: [{ messageId: "piped" }],
    },
    {
      name: "wget into bash with a continuation",
      code: "FROM ubuntu:24.04\nRUN wget -qO- https://deb.nodesource.com/setup_22.x \\\n  | bash -\n",
      errors: [{ messageId: "piped", line: 2, column: 5, endLine: 3 }],
    },
    {
      name: "process substitution",
      code: 'FROM ubuntu:24.04\n«RUN» bash -c "$(curl -fsSL https://example.com/install.sh)"\n',
      errors: [{ messageId: "substituted" }],
    },
  ],
});
