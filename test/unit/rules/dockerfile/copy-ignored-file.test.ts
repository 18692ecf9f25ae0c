import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-ignored-file";
import { testRule } from "../../helpers/ruleTester";

const ignoreDockerfile = { ".dockerignore": "\nDockerfile\n" };

testRule(rule, {
  valid: [
    { code: "FROM scratch\nCOPY app.py /app/\n", files: ignoreDockerfile },
    { name: "no .dockerignore", code: "FROM scratch\nCOPY Dockerfile .\n" },
    {
      name: "copies from a stage are not from the context",
      code: "FROM scratch AS base\nCOPY app.py /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile\n",
      files: { ".dockerignore": "foobar\n" },
    },
    {
      name: "exceptions switch the check off",
      code: "FROM scratch\nCOPY ./Dockerfile .\n",
      files: { ".dockerignore": "**\n!Dockerfile\n" },
    },
    { name: "dot files do not hide the context root", code: "FROM scratch\nCOPY . .\n", files: { ".dockerignore": ".*\n" } },
    { code: "FROM scratch\nCOPY ./forever/helloworld.txt /helloworld.txt\n", files: { ".dockerignore": "*/tmp/*\n" } },
    { code: "FROM scratch\nADD https://example.com/Dockerfile /x\n", files: ignoreDockerfile },
  ],
  invalid: [
    {
      code: "FROM scratch\nCOPY «Dockerfile» .\nADD Dockerfile /windy\n",
      files: ignoreDockerfile,
      errors: [{ messageId: "ignored" }, { messageId: "ignored", line: 3, column: 5 }],
    },
    {
      code: "FROM scratch\nCOPY «./tmp/helloworld.txt» /helloworld.txt\n",
      files: { ".dockerignore": "tmp\n" },
      errors: [{ messageId: "ignored" }],
    },
    { code: "FROM scratch\nCOPY «.» .\n", files: { ".dockerignore": "*\n" }, errors: [{ messageId: "ignored" }] },
    {
      name: "JSON form",
      code: 'FROM scratch\nCOPY [ «"test file"», "/tmp" ]\n',
      files: { ".dockerignore": "test*\n" },
      errors: [{ messageId: "ignored" }],
    },
    {
      name: "the Dockerfile's own ignore file wins",
      code: "FROM scratch\nCOPY «secrets/key.pem» /k\n",
      fileName: "app.Dockerfile",
      files: { "app.Dockerfile.dockerignore": "secrets/\n", ".dockerignore": "nothing\n" },
      errors: [{ messageId: "ignored" }],
    },
  ],
});
