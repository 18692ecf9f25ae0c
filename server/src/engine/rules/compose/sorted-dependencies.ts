import { dependsOn, sortBlockSeqEdit } from "../../analysis/compose";
import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/sorted-dependencies",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Style (off by default): list `depends_on` entries in alphabetical order.",
    rationale: "A house style mirrored from dclint; the order of `depends_on` entries does not change the start order Compose computes.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - redis\n      - db\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - db\n      - redis\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.2\n",
      },
    ],
    equivalents: ["dclint:service-dependencies-alphabetical-order"],
    messages: { order: "`depends_on` of `{{service}}` is not in alphabetical order." },
    practice: "dclint style",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      const names = dependsOn(compose, svc).map((d) => d.name);
      const sorted = [...names].sort((a, b) => a.localeCompare(b));
      if (names.join("\n") === sorted.join("\n")) continue;
      const pair = compose.pair(svc.node, "depends_on");
      if (!pair) continue;
      const edit = sortBlockSeqEdit(compose, compose.resolve(pair.value), (i) => scalarText(i) ?? "");
      report({
        messageId: "order",
        range: compose.rangeOf(pair.key),
        data: { service: svc.name },
        fixes: edit ? [{ title: "Sort `depends_on`", safe: true, edits: [edit] }] : [],
      });
    }
  },
});
