import { rule } from "../../../../server/src/engine/rules/dockerfile/definition-description-format";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "# check=experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n# base this is the base image\nFROM scratch AS base\n# version this is the version number\nARG version=latest\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n",
    "# a non-descriptive comment\n\nFROM scratch AS base\n",
    "# hadolint ignore=DL3006\nFROM scratch AS base\n",
    "# a comment above an unnamed stage\nFROM scratch\n",
  ],
  invalid: [
    {
      code: "# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n",
      errors: [
        { messageId: "format", line: 1 },
        { messageId: "format", line: 3 },
        { messageId: "format", line: 5 },
        { messageId: "format", line: 7 },
      ],
      output:
        "# bar this is the bar\n\nARG foo=bar\n# BasE this is the BasE image\n\nFROM scratch AS base\n# definitely a bad comment\n\nARG version=latest\n# definitely a bad comment\n\nARG foo=baz bar=qux baz=quux\n",
    },
  ],
});
