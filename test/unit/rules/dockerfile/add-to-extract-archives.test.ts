import { rule } from "../../../../server/src/engine/rules/dockerfile/add-to-extract-archives";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM debian\nCOPY packaged-app.tar /usr/src/app\nFROM debian:11 as newstage\nRUN tar -xf packaged-app.tar\n",
      "FROM debian\nCOPY package.json /usr/src/app\n",
      "FROM debian\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n",
      "FROM debian\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n",
      "FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -czf other.tar.gz /tmp\n",
    ],
    invalid: [
      {
        name: "a fragment without FROM",
        code: "COPY «app.tar» /srv/\nRUN tar -xf /srv/app.tar\n",
        errors: [{ messageId: "useAdd" }],
      },
      {
        code: "FROM debian\nCOPY «packaged-app.tar» /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n",
        errors: [{ messageId: "useAdd" }],
      },
      {
        name: "extracted after WORKDIR in a chained RUN",
        code: "FROM debian\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n",
        errors: [{ messageId: "useAdd", line: 2 }],
      },
      {
        name: "archive renamed by the destination",
        code: "FROM debian\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n",
        errors: [{ messageId: "useAdd", line: 2, column: 31 }],
      },
      {
        name: "old-style tar flags",
        code: "FROM debian\nCOPY app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz -C /opt\n",
        errors: [{ messageId: "useAdd" }],
      },
      { name: "gunzip", code: "FROM debian\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz\n", errors: [{ messageId: "useAdd" }] },
    ],
  },
  { onbuild: { skip: "the COPY it pairs with is this build’s; an ONBUILD RUN extraction runs in a later build" } },
);
