import { rule } from "../../../../server/src/engine/rules/dockerfile/exec-form-quotes";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n',
    { name: "a shell reads the quotes", code: 'FROM alpine:3.22\nCMD ["sh", "-c", "echo \'hello world\'"]\n' },
    { name: "shell form", code: "FROM nginx:1.27-alpine\nCMD nginx -g 'daemon off;'\n" },
    { name: "an apostrophe inside a word", code: 'FROM alpine:3.22\nCMD ["echo", "it\'s fine"]\n' },
  ],
  invalid: [
    {
      name: "nginx's classic mistake",
      code: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", «"\'daemon off;\'"»]\n',
      errors: [{ messageId: "quoted" }],
      output: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
    {
      name: "--opt='value' in ENTRYPOINT",
      code: 'FROM python:3.13-slim\nENTRYPOINT ["gunicorn", "--bind=\'0.0.0.0:8000\'", "app:app"]\n',
      errors: [{ messageId: "quoted", line: 2 }],
      output: 'FROM python:3.13-slim\nENTRYPOINT ["gunicorn", "--bind=0.0.0.0:8000", "app:app"]\n',
    },
    {
      name: "escaped double quotes in RUN",
      code: 'FROM alpine:3.22\nRUN ["echo", "\\"hello\\""]\n',
      errors: [{ messageId: "quoted", line: 2 }],
      output: 'FROM alpine:3.22\nRUN ["echo", "hello"]\n',
    },
  ],
});
