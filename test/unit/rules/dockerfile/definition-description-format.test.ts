import { rule } from "../../../../server/src/engine/rules/dockerfile/definition-description-format";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "# check=experimental=InvalidDefinitionDescription\n# mode which build to run\nARG mode=release\n# runtime the small final image\nFROM alpine:3.22 AS runtime\n# user the account the app runs as\nARG user=app\n# uid gid numeric ids of the account\nARG uid=1000 gid=1000\n#\nARG shell=sh\n# copy the sources (not a description: COPY defines nothing)\nCOPY . /src\n",
    "# a non-descriptive comment\n\nFROM scratch AS base\n",
    "# hadolint ignore=DL3006\nFROM scratch AS base\n",
    "# a comment above an unnamed stage\nFROM scratch\n",
  ],
  invalid: [
    {
      name: "reported on the instruction's line, as docker build --check does",
      code: "# uid the user's id\n«ARG» gid=1000\n# Runtime stage\nFROM alpine:3.22 AS runtime\n# set up the user\nARG user=app\n# several at once\nARG a=1 b=2\n",
      errors: [
        { messageId: "format", line: 2 },
        { messageId: "format", line: 4 },
        { messageId: "format", line: 6 },
        { messageId: "format", line: 8 },
      ],
      output:
        "# uid the user's id\n\nARG gid=1000\n# Runtime stage\n\nFROM alpine:3.22 AS runtime\n# set up the user\n\nARG user=app\n# several at once\n\nARG a=1 b=2\n",
    },
  ],
});
