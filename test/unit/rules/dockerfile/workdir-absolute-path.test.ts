import { rule } from "../../../../server/src/engine/rules/dockerfile/workdir-absolute-path";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    F + "WORKDIR /usr/local\n",
    F + "WORKDIR ${work}\n",
    F + "WORKDIR '/usr/local'\n",
    F + 'WORKDIR "/usr/local"\n',
    F + 'WORKDIR "${dir}"\n',
    F + "WORKDIR 'C:\\'\n",
    F + 'WORKDIR "C:/"\n',
    F + "WORKDIR C:/\n",
  ],
  invalid: [
    { name: "a fragment without FROM", code: "WORKDIR «relative/dir»\n", errors: [{ messageId: "relative" }] },
    {
      name: "dot segments are resolved in the fix",
      code: F + "WORKDIR /srv/app\nWORKDIR ../data/.\n",
      errors: [{ messageId: "relativeToKnown", line: 3 }],
      output: F + "WORKDIR /srv/app\nWORKDIR /srv/data\n",
    },
    {
      name: "BuildKit WorkdirRelativePath: relative WORKDIR assumes the base image's directory",
      code: "FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n",
      errors: [{ messageId: "relative", line: 2, column: 9 }],
    },
    { code: F + "WORKDIR «relative/dir»\n", errors: [{ messageId: "relative" }] },
    { name: "single quotes", code: F + "WORKDIR 'relative/dir'\n", errors: [{ messageId: "relative", line: 2, column: 9 }] },
    { name: "double quotes", code: F + 'WORKDIR "relative/dir"\n', errors: [{ messageId: "relative" }] },
    {
      name: "relative after an absolute WORKDIR: fixed to the joined path",
      code: F + "WORKDIR /app\nWORKDIR «src»\n",
      errors: [{ messageId: "relativeToKnown" }],
      output: F + "WORKDIR /app\nWORKDIR /app/src\n",
    },
    {
      name: "the absolute WORKDIR of a parent stage carries over",
      code: "FROM python:3.13-slim AS base\nWORKDIR /srv/\nFROM base AS runtime\nWORKDIR ./app\n",
      errors: [{ messageId: "relativeToKnown", line: 4 }],
      output: "FROM python:3.13-slim AS base\nWORKDIR /srv/\nFROM base AS runtime\nWORKDIR /srv/app\n",
    },
    {
      name: "a new stage from an image does not inherit the previous stage's WORKDIR",
      code: "FROM node:22 AS build\nWORKDIR /app\nFROM nginx:1.27\nWORKDIR html\n",
      errors: [{ messageId: "relative", line: 4 }],
    },
  ],
});
