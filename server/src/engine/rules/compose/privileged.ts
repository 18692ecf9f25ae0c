import { composeRule } from "../../rule";
import { scalarText } from "../../model/compose";

const DANGEROUS_CAPS = new Set(["ALL", "SYS_ADMIN", "CAP_SYS_ADMIN"]);

export const rule = composeRule({
  meta: {
    id: "compose/privileged",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not run services with `privileged: true` or with `cap_add: ALL` / `SYS_ADMIN`.",
    rationale:
      "A privileged container sees every device of the host and can load kernel modules or mount the host's disks; `SYS_ADMIN` and `ALL` capabilities come close. A bug in the service becomes a compromise of the host. Add only the narrow capability a service needs (for example `NET_BIND_SERVICE`), or the single device with `devices:`.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  agent:\n    image: ghcr.io/acme/agent:2.1.0\n    privileged: true\n",
        good: "services:\n  agent:\n    image: ghcr.io/acme/agent:2.1.0\n    cap_add:\n      - NET_ADMIN\n",
      },
    ],
    equivalents: [],
    messages: {
      privileged: "`privileged: true` gives the container full access to the host.",
      capability: "`cap_add: {{cap}}` gives the container near-root power over the host.",
    },
    practice: "Docker security: least privilege",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      const p = compose.pair(svc.node, "privileged");
      if (p && compose.owns(p.value) && scalarText(compose.resolve(p.value)) === "true") {
        report({ messageId: "privileged", range: compose.rangeOf(p) });
      }
      for (const item of compose.items(compose.get(svc.node, "cap_add"))) {
        const cap = scalarText(item)?.toUpperCase();
        if (cap && DANGEROUS_CAPS.has(cap) && compose.owns(item))
          report({ messageId: "capability", range: compose.rangeOf(item), data: { cap } });
      }
    }
  },
});
