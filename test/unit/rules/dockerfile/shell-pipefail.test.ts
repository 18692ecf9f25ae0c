import { rule } from "../../../../server/src/engine/rules/dockerfile/shell-pipefail";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n',
      'FROM debian:bookworm-slim\nSHELL ["/usr/bin/zsh", "-euo", "pipefail", "-c"]\nRUN a | b\n',
      'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN a | b\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-command"]\nRUN Get-Item x | Remove-Item\n',
      "FROM debian:bookworm-slim\nRUN a || b\n",
      "FROM debian:bookworm-slim\nRUN set -o pipefail && a | b\n",
      {
        name: "SHELL inherited from the parent stage",
        code: 'FROM debian:bookworm-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b\n',
      },
    ],
    invalid: [
      {
        code: "FROM debian:bookworm-slim\n«RUN» curl -fsSL https://x | bash\nRUN a | b\n",
        errors: [{ messageId: "noPipefail" }, { messageId: "noPipefail", line: 3 }],
        output: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | bash\nRUN a | b\n',
      },
      {
        name: "alpine gets ash",
        code: "FROM alpine:3.20\nRUN wget -qO- https://x | sh\n",
        errors: [{ messageId: "noPipefail" }],
        output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://x | sh\n',
      },
      {
        name: "a new stage resets the shell; a SHELL without pipefail does not help",
        code: 'FROM debian:bookworm-slim AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
        errors: [{ messageId: "noPipefail", line: 5 }],
      },
      {
        name: "set after the pipe",
        code: "FROM debian:bookworm-slim\n«RUN» a | b && set -o pipefail\n",
        errors: [{ messageId: "noPipefail" }],
      },
    ],
  },
  { onbuild: { skip: "ONBUILD RUN runs in the child build under the SHELL the image ends with; that is not modelled" } },
);
