import { rule } from "../../../../server/src/engine/rules/dockerfile/apt-get-yes";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    { name: "hadolint ignore pragma maps through equivalents", code: "FROM debian\n# hadolint ignore=DL3014\nRUN apt-get install curl\n" },
    F + "RUN apt-get install -yq python\n",
    F + "RUN apt-get install -y python\n",
    F + "RUN apt-get -y install python\n",
    F + "RUN apt-get --yes install python\n",
    F + "RUN apt-get --assume-yes install python\n",
    F + "RUN apt-get install -qq python\n",
    F + "RUN apt-get install -q -q python\n",
    F + "RUN apt-get install -q=2 python\n",
    F + "RUN apt-get install --quiet --quiet python\n",
    F + "RUN apt-get -o APT::Get::Assume-Yes=true install python\n",
    F + "RUN apt-get update\n",
    {
      name: "a simulated install (it only prints what would happen) never prompts",
      code: F + 'RUN if apt-get install -s "pkg-jit" > /dev/null 2>&1; then apt-get install -y "pkg-jit"; fi\n',
    },
  ],
  invalid: [
    {
      name: "`apt install` is checked too",
      code: F + "RUN «apt install» curl\n",
      errors: [{ messageId: "missingYes" }],
      output: F + "RUN apt install -y curl\n",
    },
    {
      name: "after a shell keyword",
      code: 'FROM debian\nRUN if [ -n "$X" ]; then apt-get install curl; fi\n',
      errors: [{ messageId: "missingYes", line: 2, column: 26 }],
      output: 'FROM debian\nRUN if [ -n "$X" ]; then apt-get install -y curl; fi\n',
    },
    {
      name: "exec form: the fix adds a JSON argument",
      code: 'FROM debian\nRUN ["apt-get", "install", "curl"]\n',
      errors: [{ messageId: "missingYes" }],
      output: 'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: "sh -c script in exec form: the fix edits the script",
      code: 'FROM debian\nRUN ["sh", "-c", "apt-get install curl"]\n',
      errors: [{ messageId: "missingYes" }],
      output: 'FROM debian\nRUN ["sh", "-c", "apt-get install -y curl"]\n',
    },
    { code: F + "RUN «apt-get install» python\n", errors: [{ messageId: "missingYes" }], output: F + "RUN apt-get install -y python\n" },
    {
      name: "-q alone",
      code: F + "RUN apt-get install -q python\n",
      errors: [{ messageId: "missingYes" }],
      output: F + "RUN apt-get install -y -q python\n",
    },
    { name: "--quiet alone", code: F + "RUN apt-get install --quiet python\n", errors: [{ messageId: "missingYes" }] },
    {
      name: "continuation lines, builder stage",
      code: "FROM debian:bookworm AS build\nRUN apt-get update \\\n && apt-get install \\\n    gcc\nFROM scratch\n",
      errors: [{ messageId: "missingYes", line: 3, column: 5 }],
      output: "FROM debian:bookworm AS build\nRUN apt-get update \\\n && apt-get install -y \\\n    gcc\nFROM scratch\n",
    },
    {
      name: "heredoc",
      code: F + "RUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
      errors: [{ messageId: "missingYes", line: 4 }],
      output: F + "RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
    },
  ],
});
