import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-instead-of-add";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian:bookworm-slim\n";

testRule(rule, {
  valid: [
    F + "ADD file.tar /usr/src/app/\n",
    F + "ADD file.gz /usr/src/app/\n",
    F + "ADD file.bz2 /usr/src/app/\n",
    F + "ADD file.xz /usr/src/app/\n",
    F + "ADD file.tgz /usr/src/app/\n",
    F + "ADD http://file.com /usr/src/app/\n",
    F + 'ADD "file.tgz" /usr/src/app/\n',
    F + 'ADD "http://file.com" /usr/src/app/\n',
    F + "ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.1 /src\n",
    F + "ADD git@github.com:moby/buildkit.git /src\n",
    F + 'ADD ["https://example.com/a.tar.gz", "/opt/"]\n',
    F + "COPY file /usr/src/app/\n",
  ],
  invalid: [
    { code: F + "«ADD» file /usr/src/app/\n", errors: [{ messageId: "useCopy" }], output: F + "COPY file /usr/src/app/\n" },
    {
      name: "zip is not unpacked by ADD",
      code: F + "ADD file.zip /usr/src/app/\n",
      errors: [{ messageId: "useCopy" }],
      output: F + "COPY file.zip /usr/src/app/\n",
    },
    { name: "quoted zip", code: F + 'ADD "file.zip" /usr/src/app/\n', errors: [{ messageId: "useCopy" }] },
    {
      name: "JSON form, flags kept, builder stage",
      code: 'FROM node:22 AS build\nADD --chown=node:node ["package.json", "package-lock.json", "/app/"]\nFROM nginx:1.27\n',
      errors: [{ messageId: "useCopy", line: 2 }],
      output: 'FROM node:22 AS build\nCOPY --chown=node:node ["package.json", "package-lock.json", "/app/"]\nFROM nginx:1.27\n',
    },
    {
      name: "a local file mixed with a URL: reported, no fix",
      code: F + "ADD https://example.com/a.txt b.txt /opt/\n",
      errors: [{ messageId: "useCopy" }],
    },
  ],
});
