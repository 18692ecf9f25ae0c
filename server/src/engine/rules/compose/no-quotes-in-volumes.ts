import { isScalar } from "yaml";
import { isQuoted } from "../../analysis/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/no-quotes-in-volumes",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Style (off by default): write short-syntax `volumes` entries without quotes.",
    rationale:
      "A house style some teams keep, mirrored from dclint: volume mappings are paths and never need quotes, so leaving them out keeps entries uniform. It has no effect on what Compose does.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - "./site:/usr/share/nginx/html:ro"\n',
        good: "services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n",
      },
    ],
    equivalents: ["dclint:no-quotes-in-volumes"],
    messages: { quoted: "Write the volume mapping without quotes." },
    practice: "dclint style",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      for (const item of compose.items(compose.get(svc.node, "volumes"))) {
        if (!isScalar(item) || !isQuoted(item) || typeof item.value !== "string") continue;
        const plainSafe = /^[A-Za-z0-9_./~${}-][A-Za-z0-9_./~${}:@,=+-]*$/.test(item.value) && !/:\s|\s#/.test(item.value);
        const range = compose.rangeOf(item);
        report({
          messageId: "quoted",
          range,
          fixes: plainSafe ? [{ title: "Remove the quotes", safe: true, edits: [{ range, newText: item.value }] }] : [],
        });
      }
    }
  },
});
