import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/sorted-services",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Style (off by default): list services in alphabetical order.",
    rationale:
      "A house style mirrored from dclint: in long files a predictable order makes a service easy to find. It has no effect on what Compose does.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  web:\n    image: nginx:1.27-alpine\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n  web:\n    image: nginx:1.27-alpine\n",
      },
    ],
    equivalents: ["dclint:services-alphabetical-order"],
    messages: { order: "Service `{{service}}` should come before `{{before}}`." },
    practice: "dclint style",
  },
  check({ compose, report }) {
    const seen: string[] = [];
    for (const svc of compose.services) {
      const later = seen.filter((s) => s.localeCompare(svc.name) > 0).sort((a, b) => a.localeCompare(b))[0];
      if (later) report({ messageId: "order", range: svc.keyRange, data: { service: svc.name, before: later } });
      seen.push(svc.name);
    }
  },
});
