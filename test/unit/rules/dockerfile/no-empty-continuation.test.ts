import { rule } from "../../../../server/src/engine/rules/dockerfile/no-empty-continuation";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM alpine:3.20\nEXPOSE \\\n# Port\n80\n",
    "FROM alpine:3.20\nRUN a \\\n    b\n\nRUN c\n",
    "FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n",
  ],
  invalid: [
    {
      name: "reported on the instruction's last line, as docker build --check does",
      code: "FROM alpine:3.20\nEXPOSE \\\n\n«80»\n",
      errors: [{ messageId: "emptyContinuation" }],
      output: "FROM alpine:3.20\nEXPOSE \\\n80\n",
    },
    {
      name: "several empty lines: one finding",
      code: "FROM alpine:3.20\nRUN apk add \\\n\n    gnupg \\\n   \n    curl\n",
      errors: [{ messageId: "emptyContinuation", line: 6 }],
      output: "FROM alpine:3.20\nRUN apk add \\\n    gnupg \\\n    curl\n",
    },
  ],
});
