import { parsePortString, servicePorts, sortBlockSeqEdit } from "../../analysis/compose";
import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/sorted-ports",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Style (off by default): list a service's `ports` in ascending order.",
    rationale:
      "A house style mirrored from dclint; sorted ports make duplicates and gaps easy to see. It has no effect on what Compose does.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  proxy:\n    image: traefik:v3.1\n    ports:\n      - "443:443"\n      - "80:80"\n',
        good: 'services:\n  proxy:\n    image: traefik:v3.1\n    ports:\n      - "80:80"\n      - "443:443"\n',
      },
    ],
    equivalents: ["dclint:service-ports-alphabetical-order"],
    messages: { order: "The ports of `{{service}}` are not in ascending order." },
    practice: "dclint style",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      const keys = servicePorts(compose, svc).map((p) => p.hostPort ?? p.containerPort);
      const sorted = [...keys].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
      if (keys.join("\n") === sorted.join("\n")) continue;
      const pair = compose.pair(svc.node, "ports");
      if (!pair) continue;
      const keyOf = (i: Parameters<typeof scalarText>[0]) => {
        const p = parsePortString(scalarText(i) ?? "");
        return p ? (p.hostPort ?? p.containerPort) : "";
      };
      const edit = sortBlockSeqEdit(compose, compose.resolve(pair.value), keyOf);
      report({
        messageId: "order",
        range: compose.rangeOf(pair.key),
        data: { service: svc.name },
        fixes: edit ? [{ title: "Sort `ports`", safe: true, edits: [edit] }] : [],
      });
    }
  },
});
