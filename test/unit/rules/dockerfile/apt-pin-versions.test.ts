import { rule } from "../../../../server/src/engine/rules/dockerfile/apt-pin-versions";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    {
      name: "hadolint ignore covers the continuation lines of the RUN",
      code: F + "# hadolint ignore=DL3008\nRUN apt-get install -y \\\n    curl\n",
    },
    F + "RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*\n",
    F +
      "RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n",
    F + "RUN apt-get install -y python=1.2.2\n",
    F + "RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n",
    F + "RUN apt-get -y --no-install-recommends install nodejs=0.10\n",
    F +
      'RUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*\n',
    { name: "release instead of version", code: F + "RUN apt-get install -y curl/bookworm-backports\n" },
    { name: "-o option values are not packages", code: F + "RUN apt-get install -y -o Dpkg::Options::=--force-confold curl=7.*\n" },
    { name: "packages in a variable are not judged", code: F + "RUN apt-get install -y $PACKAGES\n" },
    { name: "apt-get update only", code: F + "RUN apt-get update\n" },
  ],
  invalid: [
    { name: "`apt install` is checked too", code: F + "RUN apt install -y «curl»\n", errors: [{ messageId: "unpinned" }] },
    { code: F + "RUN apt-get update && apt-get install «python»\n", errors: [{ messageId: "unpinned" }] },
    { name: "in ONBUILD", code: F + "ONBUILD RUN apt-get update && apt-get install python\n", errors: [{ messageId: "unpinned" }] },
    {
      name: "one finding per unpinned package, in a builder stage too",
      code: "FROM debian:bookworm AS build\nRUN apt-get install -y gcc=12.* make libpq-dev\nFROM debian:bookworm-slim\n",
      errors: [
        { messageId: "unpinned", line: 2, column: 33 },
        { messageId: "unpinned", line: 2, column: 38 },
      ],
    },
    { name: "behind sudo", code: F + "RUN sudo apt-get install -y curl\n", errors: [{ messageId: "unpinned" }] },
  ],
});
