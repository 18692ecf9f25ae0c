import {
  exposedPorts,
  insertLines,
  lineageInstructions,
  runtimeInsertionPoint,
  stageHasTool,
  stageLanguage,
  stageServer,
} from "../../analysis/dockerfileFacts";
import { dockerfileHealthcheck, healthcheckFor } from "../../analysis/python";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/healthcheck-missing",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A service image (it exposes a port or starts a server) should declare a HEALTHCHECK.",
    rationale:
      "Without a health check, Docker and Compose only know whether the process exists, not whether it answers. " +
      "`depends_on: condition: service_healthy` cannot wait for it, and a hung server keeps receiving traffic. " +
      "The probe must use a tool the image has: slim, distroless and hardened images have no `curl`, so the fix writes a probe with what is there " +
      "(Python's `urllib` on Python images, `dagster api grpc-health-check` for a Dagster code server) and gives it a start period that fits the framework.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nEXPOSE 8000\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
        good: 'FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=5); sys.exit(0 if r.status < 400 else 1)"]\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
      },
    ],
    equivalents: ["checkov:CKV_DOCKER_2", "trivy:DS-0026"],
    messages: {
      missing: "This image runs {{what}} but declares no HEALTHCHECK.",
    },
    practice: "003 (Health checks by service; Anti-patterns: no health check), 001 (Verify health status)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    const lineage = lineageInstructions(dockerfile, stage);
    if (lineage.some((i) => i.keyword === "HEALTHCHECK")) return;
    const server = stageServer(dockerfile, stage);
    const ports = exposedPorts(dockerfile, stage);
    if (!server && ports.length === 0) return;
    const what = server ? `a ${server.framework} server` : `a service on port ${ports[0]}`;
    const start = stage.instructions.find((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    const fixes: Fix[] = [];
    if (server) {
      const port = server.portExplicit ? server.port : (ports.find((p) => p === server.port) ?? ports[0] ?? server.port);
      const language = stageLanguage(dockerfile, stage);
      const spec = healthcheckFor(server.framework, port, {
        curl: stageHasTool(dockerfile, stage, "curl"),
        wget: stageHasTool(dockerfile, stage, "wget"),
        python: language === "python",
        node: language === "node",
      });
      if (spec) {
        fixes.push({
          title: `Add a HEALTHCHECK for ${server.framework}`,
          safe: false,
          edits: [insertLines(dockerfile, runtimeInsertionPoint(dockerfile, stage), [dockerfileHealthcheck(spec)])],
        });
      }
    }
    report({ messageId: "missing", range: start?.keywordRange ?? stage.from.keywordRange, data: { what }, fixes });
  },
});
