import { rule } from "../../../../server/src/engine/rules/dockerfile/apt-lists-cleanup";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runRule, testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "a stage that only a copied-from builder builds on: its layers are thrown away",
        notOnbuild: "an ONBUILD trigger runs in the child image, which ships",
        code: "FROM debian:bookworm AS base\nRUN apt-get update && apt-get install -y gcc\nFROM base AS build\nRUN gcc -o /hello /src/hello.c\nFROM scratch\nCOPY --from=build /hello /hello\n",
      },
      {
        name: "apt-get dist-clean removes the lists (apt 2.7+)",
        code: "FROM debian:trixie\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n",
      },
      { name: "apt dist-clean", code: "FROM debian:trixie\nRUN apt update && apt install -y curl && apt dist-clean\n" },
      {
        name: "ONBUILD RUN with a cache mount",
        code: "FROM debian\nONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n",
      },
      "FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey!\n",
      "FROM ubuntu as foo\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\nFROM foo\nRUN hey!\n",
      "FROM scratch\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n",
      "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n",
      "FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo\n",
      "FROM debian\nRUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=tmpfs,target=/var/lib/apt \\\n  apt-get update\n",
      "FROM debian\nRUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n",
      "FROM scratch\nRUN apt update && apt install python && rm -rf /var/lib/apt/lists/*\n",
      "FROM scratch\nRUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*\n",
      { name: "install without update", code: "FROM debian\nRUN apt-get install -y curl\n" },
      {
        name: "removing another folder is not cleanup",
        code: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists && apt-get clean\n",
      },
    ],
    invalid: [
      {
        name: "a stage the final stage builds on through another stage",
        code: 'FROM debian:bookworm AS base\nRUN «apt-get update» && apt-get install -y git\nFROM base AS app\nRUN echo app\nFROM app\nCMD ["/app"]\n',
        errors: [{ messageId: "noCleanup" }],
      },
      {
        code: "FROM scratch\nRUN «apt-get update» && apt-get install python\n",
        errors: [{ messageId: "noCleanup" }],
        output: "FROM scratch\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\n",
      },
      {
        name: "last stage",
        code: "FROM ubuntu as foo\nRUN hey!\nFROM scratch\nRUN apt-get update && apt-get install python\n",
        errors: [{ messageId: "noCleanup", line: 4 }],
      },
      {
        name: "intermediate stage another stage builds on",
        code: "FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM foo\nRUN hey!\n",
        errors: [{ messageId: "noCleanup", line: 2 }],
      },
      {
        name: "ONBUILD in a discarded stage still counts",
        code: "FROM ubuntu as foo\nONBUILD RUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey!\n",
        errors: [{ messageId: "noCleanup", line: 2 }],
      },
      {
        name: "cache mount on /var/cache/apt only",
        code: "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n",
        errors: [{ messageId: "noCleanup", line: 4 }],
      },
      {
        name: "cache mount on /var/lib/apt only",
        code: "FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install python\n",
        errors: [{ messageId: "noCleanup", line: 4 }],
      },
      { name: "apt", code: "FROM scratch\nRUN apt update && apt install python\n", errors: [{ messageId: "noCleanup" }] },
      { name: "aptitude", code: "FROM scratch\nRUN aptitude update && aptitude install python\n", errors: [{ messageId: "noCleanup" }] },
      {
        name: "a later RUN installs from the lists: the fix is offered but not safe",
        code: "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n",
        errors: [{ messageId: "noCleanup", line: 2 }],
        output: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y curl\n",
      },
      {
        name: "multi-line RUN: appended after the last command",
        code: "FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n    curl\n",
        errors: [{ messageId: "noCleanup" }],
        output: "FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n    curl && rm -rf /var/lib/apt/lists/*\n",
      },
    ],
  },
  {
    onbuild: {
      skip: "ONBUILD triggers are reported even in a builder stage (they run wherever the image is used), unlike RUN there; its own ONBUILD cases cover them",
    },
  },
);

describe("dockerfile/apt-lists-cleanup fix safety", () => {
  const safety = (code: string) => runRule(rule, { code }).findings.map((f) => f.fixes[0]?.safe);
  it("safe when no later step needs the lists", () => {
    assert.deepEqual(safety("FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN curl --version\n"), [true]);
  });
  it("not safe when a later step installs without updating", () => {
    assert.deepEqual(safety("FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n"), [false]);
  });
  it("no fix for a heredoc RUN", () => {
    assert.deepEqual(safety("FROM debian\nRUN <<EOF\napt-get update\nEOF\n"), [undefined]);
  });
});
