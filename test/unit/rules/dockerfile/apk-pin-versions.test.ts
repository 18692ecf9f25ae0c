import { rule } from "../../../../server/src/engine/rules/dockerfile/apk-pin-versions";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM alpine:3.21\n";
const ok = (run: string) => F + `RUN ${run}\n`;

testRule(rule, {
  valid: [
    ok("apk add flex=2.6.4-r1"),
    ok("apk add --no-cache git~2.52.0"),
    ok("apk add --no-cache git~=2.52"),
    ok("apk add --no-cache git=~2.52"),
    ok("apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt"),
    ok("apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5"),
    ok('apk add --no-cache \\\n  "flex>=2.6.1-r1" \\\n  "libffi~3.2.1" \\\n  "python3<3.6.12-r2" \\\n  "libbz2=~1.0.6-r4"'),
    ok(
      "apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies",
    ),
    ok("apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0"),
    ok("apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0"),
    ok("apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0"),
    ok("apk add mypackage-1.1.1.apk"),
    ok("apk del curl"),
  ],
  invalid: [
    { code: F + "RUN apk add «flex»\n", errors: [{ messageId: "unpinned" }] },
    {
      name: "one missed",
      code: ok("apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5"),
      errors: [{ messageId: "unpinned", line: 4, column: 1 }],
    },
    { name: "ONBUILD", code: F + "ONBUILD RUN apk add curl\n", errors: [{ messageId: "unpinned" }] },
  ],
});
