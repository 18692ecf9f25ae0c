import { isOneShotService } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { Range } from "../../text";

export const rule = composeRule({
  meta: {
    id: "compose/resource-limits",
    category: "reliability",
    defaultSeverity: "info",
    fixable: false,
    summary: "Services in the production (base) file should have a memory limit.",
    rationale:
      "Several services without one are one finding, on the `services` key (advice about the whole file, not a defect of each service). A service without a memory limit can take all of the host's memory when it leaks or gets a burst of work, and the kernel's OOM killer then picks a victim that may be the database next to it. `deploy.resources.limits.memory` (or `mem_limit`) confines the damage to the service that misbehaves.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n",
      },
    ],
    equivalents: [],
    messages: {
      missing: "Service `{{service}}` has no memory limit (`deploy.resources.limits.memory`).",
      missingMany: "{{count}} services have no memory limit (`deploy.resources.limits.memory`): {{services}}.",
    },
    practice: "004 (resource limits), 001 (production resource limits)",
  },
  check({ compose, project, report }) {
    if (!project.isProductionBase(compose)) return;
    const missing: { name: string; range: Range }[] = [];
    for (const svc of compose.services) {
      if (!svc.node) continue;
      // the merged service: every file of the project, and what `extends` brings in (also from another file)
      const hasLimit =
        project.mergedIn(svc.name, ["mem_limit"]) !== undefined ||
        project.mergedIn(svc.name, ["deploy", "resources", "limits", "memory"]) !== undefined;
      if (hasLimit || isOneShotService(project, svc.name)) continue;
      missing.push({ name: svc.name, range: svc.keyRange });
    }
    const only = missing[0];
    if (missing.length === 1 && only) report({ messageId: "missing", range: only.range, data: { service: only.name } });
    else if (missing.length > 1) {
      const key = compose.topLevel("services")?.key;
      report({
        messageId: "missingMany",
        range: key ? compose.rangeOf(key) : (only as (typeof missing)[number]).range,
        data: { count: String(missing.length), services: missing.map((m) => m.name).join(", ") },
      });
    }
  },
});
