import { rule } from "../../../../server/src/engine/rules/dockerfile/single-cmd-entrypoint-healthcheck";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM python:3.13-slim\nHEALTHCHECK CMD ["curl", "-f", "http://localhost"]\nCMD ["python", "app.py"]\n',
    { name: "one per stage", code: 'FROM python:3.13 AS build\nCMD ["a"]\nFROM python:3.13-slim\nCMD ["b"]\n' },
    'FROM python:3.13-slim\nENTRYPOINT ["tini", "--"]\nCMD ["python"]\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.13-slim\n«CMD» ["a"]\nCMD ["b"]\n',
      errors: [{ messageId: "overridden" }],
      output: 'FROM python:3.13-slim\nCMD ["b"]\n',
    },
    {
      code: 'FROM python:3.13-slim\nentrypoint a\nENTRYPOINT \\\n  b\nENTRYPOINT ["c"]\n',
      errors: [
        { messageId: "overridden", line: 2 },
        { messageId: "overridden", line: 3 },
      ],
      output: 'FROM python:3.13-slim\nENTRYPOINT ["c"]\n',
    },
    {
      code: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK NONE\n",
      errors: [{ messageId: "overridden", line: 2 }],
      output: "FROM nginx:1.27\nHEALTHCHECK NONE\n",
    },
  ],
});
