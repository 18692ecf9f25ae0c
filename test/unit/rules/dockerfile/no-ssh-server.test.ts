import { rule } from "../../../../server/src/engine/rules/dockerfile/no-ssh-server";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM debian:bookworm-slim\nEXPOSE 8080\nCMD ["app"]\n',
    { name: "an SSH client is fine", code: "FROM alpine:3.22\nRUN apk add --no-cache openssh-client git\n" },
    {
      name: "a build stage may use an SSH server",
      code: 'FROM debian:bookworm-slim AS test\nRUN apt-get install -y openssh-server\nEXPOSE 22\nFROM debian:bookworm-slim\nCMD ["app"]\n',
    },
    { name: "port 2222 is not 22", code: "FROM alpine:3.22\nEXPOSE 2222 8022\n" },
  ],
  invalid: [
    { name: "EXPOSE 22", code: "FROM alpine:3.22\nEXPOSE 80 «22»\n", errors: [{ messageId: "expose" }] },
    { name: "EXPOSE 22/tcp", code: "FROM alpine:3.22\nEXPOSE 22/tcp\n", errors: [{ messageId: "expose", line: 2 }] },
    {
      name: "openssh-server installed and sshd started",
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends «openssh-server» && rm -rf /var/lib/apt/lists/*\nCMD ["/usr/sbin/sshd", "-D"]\n',
      errors: [{ messageId: "install" }, { messageId: "run", line: 3 }],
    },
    {
      name: "installed in a stage the final one builds on",
      code: 'FROM alpine:3.22 AS base\nRUN apk add --no-cache dropbear\nFROM base\nCMD ["app"]\n',
      errors: [{ messageId: "install", line: 2 }],
    },
  ],
});
