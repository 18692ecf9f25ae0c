import { isMap, isScalar, type Scalar } from "yaml";
import { commandScalars, innerRange } from "../../analysis/compose";
import { builtStage } from "../../analysis/composeFiles";
import { imageStateAt } from "../../analysis/dockerfileFacts";
import { imageHasTool } from "../../knowledge/composeImages";
import type { ComposeProject } from "../../model/composeProject";
import { composeRule } from "../../rule";
import { escapeRegExp } from "../../regex";

const TOOL = /(^|[\s;&|(])(curl|wget)(\s|$)/;

/** Whether the image the service runs has the tool; undefined when we cannot tell. */
function serviceHasTool(project: ComposeProject, name: string, tool: "curl" | "wget"): boolean | undefined {
  const built = builtStage(project, name);
  if (built) {
    const state = imageStateAt(built.model, built.stage);
    if (state.baseFromArg) return undefined;
    const has = state.has(tool);
    if (has !== undefined || state.base.source !== undefined) return has;
    // a base outside the knowledge table: the service list may know it
    const root = built.model.rootImage(built.stage);
    return root.hasVariables ? undefined : imageHasTool(root.raw, tool);
  }
  if (project.value(name, "build")) return undefined;
  const image = project.image(name);
  return image ? imageHasTool(image, tool) : undefined;
}

export const rule = composeRule({
  meta: {
    id: "compose/healthcheck-tool-available",
    category: "reliability",
    defaultSeverity: "error",
    failure:
      "the health probe fails with `curl`/`wget`: not found on every run (the knowledge table or the built stage shows the tool is absent), so the service never becomes healthy.",
    fixable: false,
    summary: "A healthcheck must not call `curl` or `wget` in an image that does not have it.",
    rationale:
      'Slim, distroless and hardened images, and many database images, ship neither curl nor wget. A healthcheck that calls one fails with "executable file not found" forever, so the service never becomes healthy and everything waiting for `service_healthy` never starts. Use the image\'s own probe (`pg_isready`, `redis-cli ping`), a Python or Node one-liner, or install the tool in the Dockerfile the service builds.',
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  cache:\n    image: redis:7.2-alpine\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:6379"]\n',
        good: 'services:\n  cache:\n    image: redis:7.2-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      },
    ],
    equivalents: [],
    messages: { missingTool: "The healthcheck calls `{{tool}}`, but `{{image}}` does not include it; the check can never pass." },
    practice: "004 Health checks by service; hardened and slim images have no curl",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      const hc = compose.get(svc.node, "healthcheck");
      if (!isMap(hc)) continue;
      const test = compose.get(hc, "test");
      const scalars = commandScalars(compose, test).filter((s): s is Scalar => isScalar(s) && typeof s.value === "string");
      const words = scalars.filter((s) => s.value !== "CMD" && s.value !== "CMD-SHELL");
      const hit = words.find((s) => TOOL.test(String(s.value)));
      if (!hit) continue;
      const tool = (TOOL.exec(String(hit.value))?.[2] ?? "curl") as "curl" | "wget";
      // a probe that falls back (`curl … || wget …`) passes when either exists
      const joined = words.map((w) => String(w.value)).join(" ");
      const other = tool === "curl" ? "wget" : "curl";
      if (new RegExp(`\\b${escapeRegExp(other)}\\b`).test(joined) && serviceHasTool(project, svc.name, other) !== false) continue;
      if (serviceHasTool(project, svc.name, tool) !== false) continue;
      const built = builtStage(project, svc.name);
      const image = built ? built.model.rootImage(built.stage).raw : (project.image(svc.name) ?? svc.name);
      report({ messageId: "missingTool", range: innerRange(compose, hit), data: { tool, image } });
    }
  },
});
