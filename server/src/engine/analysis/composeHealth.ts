/** Which healthcheck fits a service, from its command (Dagster code servers) or its image. */
import { commandText } from "./compose";
import { composeImageInfo, dagsterGrpcHealthcheck, type HealthcheckRecipe } from "../knowledge/composeImages";
import type { ComposeProject } from "../model/composeProject";

/** The port of a Dagster gRPC code server (`dagster api grpc -p 4000`, `dagster code-server start --port 4000`). */
export function dagsterGrpcPort(project: ComposeProject, name: string): string | undefined {
  for (const key of ["entrypoint", "command"]) {
    const v = project.value(name, key);
    const text = v ? commandText(v.file, v.value) : undefined;
    if (!text || !/\bdagster\s+(api\s+grpc\b|code-server\s+start\b)/.test(text)) continue;
    const m = /(?:^|\s)(?:-p|--port)[\s=]+["']?(\d+)/.exec(text);
    return m?.[1] ?? "4000";
  }
  return undefined;
}

/** The healthcheck we recommend for a service, when we know one. */
export function recommendedHealthcheck(project: ComposeProject, name: string): { recipe: HealthcheckRecipe; label: string } | undefined {
  const port = dagsterGrpcPort(project, name);
  if (port) return { recipe: dagsterGrpcHealthcheck(port), label: "Dagster code server" };
  const info = composeImageInfo(project.image(name));
  if (info?.healthcheck) return { recipe: info.healthcheck, label: info.label };
  return undefined;
}
