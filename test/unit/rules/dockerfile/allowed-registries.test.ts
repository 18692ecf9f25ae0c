import { rule } from "../../../../server/src/engine/rules/dockerfile/allowed-registries";
import { testRule } from "../../helpers/ruleTester";

const opts = (...allowedRegistries: string[]) => ({ options: { allowedRegistries } });

testRule(rule, {
  valid: [
    { name: "no allowed list: off", code: "FROM random.com/debian\n" },
    { code: "FROM random.com/debian\n", ...opts("x.com", "random.com") },
    { code: "FROM scratch\n", ...opts("x.com", "random.com") },
    {
      name: "all forms of docker.io",
      code: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n",
      ...opts("docker.io"),
    },
    { name: "previous stages", code: "FROM random.com/foo AS builder1\nFROM builder1 AS builder2\n", ...opts("random.com") },
    { name: "wildcard", code: "FROM foo.random.com/debian\n", ...opts("x.com", "*.random.com") },
    { name: "*", code: "FROM ubuntu:18.04 AS builder1\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n", ...opts("*") },
    { name: "COPY --from trusted", code: "FROM trusted.com/a\nCOPY --from=trusted.com/repo/image:tag /foo /bar\n", ...opts("trusted.com") },
    { name: "COPY --from a stage", code: "FROM trusted.com/a AS b\nFROM trusted.com/c\nCOPY --from=b /foo /bar\n", ...opts("trusted.com") },
    {
      name: "bind mount trusted",
      code: "FROM trusted.com/a\nRUN --mount=type=bind,from=trusted.com/repo/image:tag,target=/foo foobar\n",
      ...opts("trusted.com"),
    },
    {
      name: "cache mount trusted",
      code: "FROM trusted.com/a\nRUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar\n",
      ...opts("trusted.com"),
    },
  ],
  invalid: [
    { code: "FROM «random.com/debian»\n", ...opts("docker.io"), errors: [{ messageId: "notAllowed" }] },
    { name: "wildcard does not match", code: "FROM x.com/debian\n", ...opts("*.random.com"), errors: [{ messageId: "notAllowed" }] },
    {
      name: "COPY --from untrusted",
      code: "FROM trusted.com/a\nCOPY --from=untrusted.com/repo/image:tag /foo /bar\n",
      ...opts("trusted.com"),
      errors: [{ messageId: "notAllowed", line: 2, column: 13 }],
    },
    {
      name: "bind mount untrusted",
      code: "FROM trusted.com/a\nRUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar\n",
      ...opts("trusted.com"),
      errors: [{ messageId: "notAllowed", line: 2 }],
    },
    {
      name: "cache mount untrusted",
      code: "FROM trusted.com/a\nRUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo foobar\n",
      ...opts("trusted.com"),
      errors: [{ messageId: "notAllowed", line: 2 }],
    },
    {
      name: "Docker Hub distrusted when not listed",
      code: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n",
      ...opts("trusted.com"),
      errors: [{ messageId: "notAllowed" }, { messageId: "notAllowed" }, { messageId: "notAllowed" }],
    },
    {
      name: "global ARG default expanded",
      code: "ARG BASE=quay.io/x/python:3.13\nFROM ${BASE}\n",
      ...opts("docker.io"),
      errors: [{ messageId: "notAllowed", line: 2 }],
    },
  ],
});
