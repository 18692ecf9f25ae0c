import { rule } from "../../../../server/src/engine/rules/dockerfile/maintainer-deprecated";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: ["FROM python:3.13-slim\nLABEL org.opencontainers.image.authors=jane\n", "FROM python:3.13-slim\n# MAINTAINER in a comment\n"],
  invalid: [
    {
      code: "FROM python:3.13-slim\n«MAINTAINER» Jane <jane@example.com>\n",
      errors: [{ messageId: "deprecated" }],
      output: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\n',
    },
    {
      name: "lower-case keyword in a builder stage",
      code: 'FROM node:22 AS build\nmaintainer "x y"\nFROM nginx:1.27\n',
      errors: [{ messageId: "deprecated", line: 2, column: 1 }],
      output: 'FROM node:22 AS build\nLABEL org.opencontainers.image.authors="\\"x y\\""\nFROM nginx:1.27\n',
    },
  ],
});
