import { rule } from "../../../../server/src/engine/rules/dockerfile/undefined-variable";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n",
    { name: "ARG value inherited by a child stage", code: "FROM alpine:3.20 AS base\nARG foo=Dockerfile\nFROM base\nCOPY $foo .\n" },
    "FROM alpine:3.20\nRUN echo $PATH $UNDEFINED_IN_SHELL\n",
    'FROM alpine:3.20\nCMD ["echo", "$NOPE"]\n',
    "FROM alpine:3.20\nENV PATH=$PATH:/tmp/bin\n",
    "FROM python:3.13-slim\nARG VERSION=$PYTHON_VERSION\n",
    "FROM alpine:3.20\nENV A=1\nENV B=${A}\n",
    "FROM alpine:3.20\nENV A='$NOT_EXPANDED'\n",
    "FROM alpine:3.20\nENV A=\\$NOT_EXPANDED\n",
    "FROM alpine:3.20\nARG A=1 B=$A\n",
    { name: "global ARG default carried by a re-declaration", code: "ARG V=1\nFROM alpine:3.20\nARG V\nFROM 0\nCOPY $V .\n" },
    "FROM alpine:3.20\nARG CACHE=/c\nRUN --mount=type=cache,target=${CACHE} echo hi\n",
    "FROM alpine:3.20\nCOPY <<EOF /a\n$NOT_CHECKED\nEOF\n",
    { code: "FROM example.com/base:1\nWORKDIR $APP_HOME\n", options: { imageVariables: ["APP_HOME"] } },
  ],
  invalid: [
    { code: "FROM alpine:3.20\nCOPY «$foo» .\nARG foo=bar\nRUN echo $foo\n", errors: [{ messageId: "undefined" }] },
    {
      code: "FROM alpine:3.20\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY «$DIR_ASSET» .\n",
      errors: [{ messageId: "undefinedSuggest" }],
      output: "FROM alpine:3.20\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSETS .\n",
    },
    {
      code: "FROM alpine:3.20\nENV PATH=«$PAHT»:/tmp/bin\n",
      errors: [{ messageId: "undefinedSuggest" }],
      output: "FROM alpine:3.20\nENV PATH=$PATH:/tmp/bin\n",
    },
    {
      name: "a global ARG is not visible without re-declaring",
      code: "ARG V=1\nFROM alpine:3.20\nCOPY «$V» .\n",
      errors: [{ messageId: "undefined" }],
    },
    {
      name: "an ARG without a value does not carry over",
      code: "FROM alpine:3.20 AS base\nARG foo\nFROM base\nCOPY «$foo» .\n",
      errors: [{ messageId: "undefined" }],
    },
    { name: "image variables do not exist on scratch", code: "FROM scratch\nWORKDIR «$JAVA_HOME»\n", errors: [{ messageId: "undefined" }] },
    { name: "HOME is not set at build time", code: "FROM alpine:3.20\nWORKDIR «${HOME}»/app\n", errors: [{ messageId: "undefined" }] },
    { code: "FROM alpine:3.20\nRUN --mount=type=cache,target=«${CACHE}» echo hi\n", errors: [{ messageId: "undefined" }] },
    {
      code: "FROM alpine:3.20\nUSER «${UID}»:1000\nLABEL v=$VERSION\n",
      errors: [{ messageId: "undefined" }, { messageId: "undefined", line: 3 }],
    },
  ],
});
