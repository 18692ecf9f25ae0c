import { appendToMap, childIndent, isOneShotService } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = composeRule({
  meta: {
    id: "compose/restart-policy",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Long-running services in the production (base) file should set a `restart` policy.",
    rationale:
      "Without `restart`, a service that crashes or a host that reboots leaves the service down until someone runs `docker compose up` again. `restart: unless-stopped` brings it back and still respects a deliberate `docker compose stop`. One-shot jobs (migrations, init containers that others wait for with `service_completed_successfully`) are not checked; overrides and development files are not either.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    restart: unless-stopped\n",
      },
    ],
    equivalents: [],
    messages: { missing: "Service `{{service}}` has no `restart` policy; it stays down after a crash or reboot." },
    practice: "004 Review mode (restart policy set?), 003 recipes (restart: unless-stopped)",
  },
  check({ compose, project, report }) {
    if (!project.isProductionBase(compose)) return;
    for (const svc of compose.services) {
      if (!svc.node) continue;
      if (compose.pair(svc.node, "restart") || compose.getIn(svc.node, ["deploy", "restart_policy"])) continue;
      // inherited through `extends` (in this file or another one)
      const own = project.resolvedDefinition(compose, svc.name);
      const deploy = own.deploy;
      if (own.restart !== undefined || (typeof deploy === "object" && deploy !== null && "restart_policy" in deploy)) continue;
      if (isOneShotService(project, svc.name)) continue;
      const indent = " ".repeat(childIndent(compose, svc.node, svc.key));
      const edit = appendToMap(compose, svc.node, [`${indent}restart: unless-stopped`]);
      const fixes: Fix[] = edit ? [{ title: "Add `restart: unless-stopped`", safe: false, edits: [edit] }] : [];
      report({ messageId: "missing", range: svc.keyRange, data: { service: svc.name }, fixes });
    }
  },
});
