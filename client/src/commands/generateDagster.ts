/** "Shipshape: Generate Dagster compose setup…" */
import * as vscode from "vscode";
import { generate, nextSteps } from "../../../server/src/engine/generators";
import { BASE_FLAVOURS, DEFAULT_REGISTRY, type BaseFlavour } from "../../../server/src/engine/generators/hardenedDockerfile";
import { hardenedRegistry, projectWithManifest, report, writeGenerated, type OverwritePolicy, type WriteResult } from "./shared";

export const GENERATE_DAGSTER = "shipshape.generateDagster";

export interface GenerateDagsterArgs {
  dir?: vscode.Uri | string;
  /** Base image family of the code-server image (default: asked; slim when `quiet`). */
  flavour?: BaseFlavour;
  registry?: string;
  overwrite?: OverwritePolicy;
  /** Ask nothing (defaults: slim, dhi.io), open nothing, show no message. */
  quiet?: boolean;
}

export async function generateDagster(arg?: GenerateDagsterArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: GenerateDagsterArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const project = await projectWithManifest(args.dir);
  if (!project) return undefined;
  const { folder, facts } = project;
  let flavour = args.flavour ?? (args.quiet ? "slim" : undefined);
  if (!flavour) {
    const picked = await vscode.window.showQuickPick(
      BASE_FLAVOURS.filter((f) => f !== "distroless").map((f) => ({
        label: f === "slim" ? "Slim" : "Hardened",
        description: f === "slim" ? "python:<version>-slim" : "hardened images (dhi.io …)",
        id: f,
      })),
      {
        placeHolder: `Base image for the Dagster images of ${facts.name} (code location ${facts.framework === "dagster" ? facts.entry : "not found: a module name is assumed"})`,
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    flavour = picked.id;
  }
  const registry = await hardenedRegistry(flavour, args.registry, args.quiet, DEFAULT_REGISTRY);
  if (registry === null) return undefined;
  const options = { flavour, registry };
  const result = await writeGenerated(folder, generate("dagster", facts, options), args.overwrite ?? "ask");
  await report(result, "Shipshape", "compose.yml", nextSteps("dagster", facts, options), args.quiet);
  return result;
}
