import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-relative-destination";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { name: "a fragment without FROM, after a WORKDIR", code: "WORKDIR /srv\nCOPY app.sh app.sh\n" },
    "FROM python:3.13-slim\nCOPY app.py /srv/app.py\n",
    "FROM python:3.13-slim\nWORKDIR /srv\nCOPY app.py .\n",
    'FROM python:3.13-slim\nCOPY app.py "/srv/"\n',
    'FROM python:3.13-slim\nCOPY [ "test file", "/tmp" ]\n',
    "FROM python:3.13-slim\nARG DEST=/srv\nCOPY app.py $DEST\n",
    "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe c:/app/\n",
    { name: "WORKDIR in the parent stage", code: "FROM python:3.13-slim AS base\nWORKDIR /srv\nFROM base\nCOPY app.py .\n" },
  ],
  invalid: [
    { name: "a fragment without FROM", code: "COPY app.sh «app.sh»\n", errors: [{ messageId: "relative" }] },
    { code: "FROM python:3.13-slim\nCOPY app.py «app/»\n", errors: [{ messageId: "relative" }] },
    { code: "FROM python:3.13-slim\nCOPY app.py «.»\nWORKDIR /srv\n", errors: [{ messageId: "relative" }] },
    {
      name: "WORKDIR in an unrelated stage",
      code: "FROM python:3.13 AS build\nWORKDIR /src\nFROM python:3.13-slim\nCOPY --from=build /src/dist «dist»\n",
      errors: [{ messageId: "relative" }],
    },
    { code: 'FROM python:3.13-slim\nCOPY ["app.py", «"app/"»]\n', errors: [{ messageId: "relative" }] },
    { name: "JSON form with spaces", code: 'FROM python:3.13-slim\nCOPY [ "test file", «"tmp"» ]\n', errors: [{ messageId: "relative" }] },
  ],
});
