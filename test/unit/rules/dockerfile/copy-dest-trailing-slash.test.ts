import { rule } from "../../../../server/src/engine/rules/dockerfile/copy-dest-trailing-slash";
import { testRule } from "../../helpers/ruleTester";

const F = "FROM debian\n";

testRule(rule, {
  valid: [
    F + "COPY foo bar\n",
    F + "COPY foo bar baz/\n",
    F + 'COPY foo bar "baz/"\n',
    F + 'COPY ["a", "b", "/c/"]\n',
    F + "COPY <<EOF <<EOT /dest\nx\nEOF\ny\nEOT\n",
  ],
  invalid: [
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
