import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-dest-trailing-slash";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian\n";

testRule(rule, {
  valid: [
    {
      name: "destination variable whose value ends in /",
      code: "FROM python:3.13-slim\nENV DAGSTER_HOME=/opt/dagster/dagster_home/\nCOPY dagster.yaml workspace.yaml $DAGSTER_HOME\n",
    },
    { name: "destination variable with an unknown value", code: "FROM python:3.13-slim\nCOPY a.txt b.txt $TARGET\n" },
    {
      name: "destination from a build argument (may be overridden)",
      code: "FROM python:3.13-slim\nARG DEST=/app\nCOPY a.txt b.txt ${DEST}\n",
    },
    F + "COPY foo bar\n",
    F + "COPY foo bar baz/\n",
    F + 'COPY foo bar "baz/"\n',
    F + 'COPY ["a", "b", "/c/"]\n',
    F + "COPY <<EOF <<EOT /dest\nx\nEOF\ny\nEOT\n",
  ],
  invalid: [
    {
      name: "destination variable whose ENV value has no trailing slash",
      code: "FROM python:3.13-slim\nENV APP=/srv/app\nCOPY a.txt b.txt «$APP»\n",
      errors: [{ messageId: "slash" }],
      output: "FROM python:3.13-slim\nENV APP=/srv/app\nCOPY a.txt b.txt $APP/\n",
    },
    { code: F + "COPY foo bar «baz»\n", errors: [{ messageId: "slash" }], output: F + "COPY foo bar baz/\n" },
    { name: "quoted", code: F + 'COPY foo bar "baz"\n', errors: [{ messageId: "slash" }], output: F + 'COPY foo bar "baz/"\n' },
    { name: "JSON form", code: F + 'COPY ["a", "b", "/c"]\n', errors: [{ messageId: "slash" }], output: F + 'COPY ["a", "b", "/c/"]\n' },
    {
      name: "ADD too, with --from in a later stage",
      code: "FROM a AS x\nFROM b\nCOPY --from=x /a /b /c\nADD a b /d\n",
      errors: [
        { messageId: "slash", line: 3 },
        { messageId: "slash", line: 4 },
      ],
      output: "FROM a AS x\nFROM b\nCOPY --from=x /a /b /c/\nADD a b /d/\n",
    },
  ],
});
