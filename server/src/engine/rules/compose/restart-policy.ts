import { appendToMap, childIndent, isOneShotService } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { TextEdit } from "../../text";
import type { Finding, Fix } from "../../types";

export const rule = composeRule({
  meta: {
    id: "compose/restart-policy",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Long-running services in the production (base) file should set a `restart` policy.",
    rationale:
      "Several services without one are one finding, on the `services` key, with one fix for all of them (advice about the whole file, not a defect of each service). Without `restart`, a service that crashes or a host that reboots leaves the service down until someone runs `docker compose up` again. `restart: unless-stopped` brings it back and still respects a deliberate `docker compose stop`. One-shot jobs (migrations, init containers that others wait for with `service_completed_successfully`) are not checked; overrides and development files are not either.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    restart: unless-stopped\n",
      },
    ],
    equivalents: [],
    messages: {
      missing: "Service `{{service}}` has no `restart` policy; it stays down after a crash or reboot.",
      missingMany: "{{count}} services have no `restart` policy ({{services}}); they stay down after a crash or reboot.",
    },
    practice: "004 Review mode (restart policy set?), 003 recipes (restart: unless-stopped)",
  },
  check({ compose, project, report }) {
    if (!project.isProductionBase(compose)) return;
    const missing: { name: string; range: Finding["range"]; edit: TextEdit | undefined }[] = [];
    for (const svc of compose.services) {
      if (!svc.node) continue;
      if (compose.pair(svc.node, "restart") || compose.getIn(svc.node, ["deploy", "restart_policy"])) continue;
      // inherited through `extends` (in this file or another one)
      const own = project.resolvedDefinition(compose, svc.name);
      const deploy = own.deploy;
      if (own.restart !== undefined || (typeof deploy === "object" && deploy !== null && "restart_policy" in deploy)) continue;
      if (isOneShotService(project, svc.name)) continue;
      const indent = " ".repeat(childIndent(compose, svc.node, svc.key));
      missing.push({ name: svc.name, range: svc.keyRange, edit: appendToMap(compose, svc.node, [`${indent}restart: unless-stopped`]) });
    }
    const edits = missing.map((m) => m.edit).filter((e): e is TextEdit => e !== undefined);
    const fixes: Fix[] =
      edits.length === missing.length && edits.length > 0
        ? [{ title: `Add \`restart: unless-stopped\`${missing.length > 1 ? ` to ${missing.length} services` : ""}`, safe: false, edits }]
        : [];
    const only = missing[0];
    if (missing.length === 1 && only) report({ messageId: "missing", range: only.range, data: { service: only.name }, fixes });
    else if (missing.length > 1) {
      const key = compose.topLevel("services")?.key;
      report({
        messageId: "missingMany",
        range: key ? compose.rangeOf(key) : (only as (typeof missing)[number]).range,
        data: { count: String(missing.length), services: missing.map((m) => m.name).join(", ") },
        fixes,
      });
    }
  },
});
