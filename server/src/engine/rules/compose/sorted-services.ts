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
    // names seen so far, kept sorted: the first one after the current name is the one it should precede
    const seen: string[] = [];
    for (const svc of compose.services) {
      let lo = 0;
      let hi = seen.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((seen[mid] as string).localeCompare(svc.name) <= 0) lo = mid + 1;
        else hi = mid;
      }
      const later = seen[lo];
      if (later !== undefined) report({ messageId: "order", range: svc.keyRange, data: { service: svc.name, before: later } });
      seen.splice(lo, 0, svc.name);
    }
  },
});
