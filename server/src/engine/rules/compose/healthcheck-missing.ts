import { appendToMap, childIndent, dependentsOf } from "../../analysis/compose";
import { recommendedHealthcheck } from "../../analysis/composeHealth";
import { dockerfileHasHealthcheck } from "../../analysis/composeFiles";
import { healthcheckYaml } from "../../knowledge/composeImages";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = composeRule({
  meta: {
    id: "compose/healthcheck-missing",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Give a healthcheck to services others depend on and to well-known stateful images.",
    rationale:
      "Without a healthcheck Compose (and any orchestrator) only knows that the process started, not that it serves: `condition: service_healthy` cannot be used, and a database that is still initialising looks ready. Postgres, Redis, MySQL, MongoDB, RabbitMQ, OpenSearch and Dagster code servers each have a cheap probe that works inside their own image; the fix inserts it with a `start_period` long enough for the first start. A HEALTHCHECK in the Dockerfile the service builds counts.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  cache:\n    image: redis:7.2-alpine\n",
        good: 'services:\n  cache:\n    image: redis:7.2-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 5s\n',
      },
    ],
    equivalents: [],
    messages: {
      wellKnown: "`{{service}}` ({{label}}) has no healthcheck; add one so others can wait for it to be ready.",
      dependedOn: "`{{service}}` has no healthcheck, but `{{dependent}}` depends on it; add one so it can wait for it to be ready.",
    },
    practice: "004 Health checks by service, 004 Anti-patterns (no health check)",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      if (!svc.node) continue;
      const defs = project.definitions(svc.name);
      // report once, on the file that defines the service first (where its image and healthcheck belong)
      if (defs[0]?.file !== compose) continue;
      const hc = project.value(svc.name, "healthcheck");
      if (hc || dockerfileHasHealthcheck(project, svc.name)) continue;
      const recommended = recommendedHealthcheck(project, svc.name);
      // a one-shot job others wait for with service_completed_successfully needs no healthcheck
      const dependent = dependentsOf(project, svc.name).find(
        (d) => d.service !== svc.name && d.condition !== "service_completed_successfully",
      )?.service;
      if (!recommended && !dependent) continue;
      const fixes: Fix[] = [];
      if (recommended) {
        const indent = " ".repeat(childIndent(compose, svc.node, svc.key));
        const step = " ".repeat(Math.max(2, indent.length - svc.keyRange.start.character));
        const edit = appendToMap(compose, svc.node, healthcheckYaml(recommended.recipe, indent, step));
        if (edit) fixes.push({ title: `Add the ${recommended.label} healthcheck`, safe: false, edits: [edit] });
      }
      if (recommended && !dependent) {
        report({ messageId: "wellKnown", range: svc.keyRange, data: { service: svc.name, label: recommended.label }, fixes });
      } else {
        report({ messageId: "dependedOn", range: svc.keyRange, data: { service: svc.name, dependent: dependent ?? "" }, fixes });
      }
    }
  },
});
