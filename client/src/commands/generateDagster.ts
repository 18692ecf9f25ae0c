/** "Shipshape: Generate Dagster compose setup…" */
import * as vscode from "vscode";
import { BASE_FLAVOURS, DEFAULT_REGISTRY, type BaseFlavour } from "../../../server/src/engine/choices";
import {
  generateFiles,
  hardenedRegistry,
  projectWithManifest,
  report,
  writeGenerated,
  type OverwritePolicy,
  type WriteResult,
} from "./shared";
import type { ServerApi } from "./server";

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

export async function generateDagster(api: ServerApi, arg?: GenerateDagsterArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: GenerateDagsterArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const project = await projectWithManifest(api, args.dir, "dagster");
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
  const generated = await generateFiles(api, { generator: "dagster", dir: folder.toString(), options: { flavour, registry } });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  await report(result, "Shipshape", "compose.yml", generated.nextSteps, args.quiet);
  return result;
}
