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
  /** Also run the project's web app (default: asked when the project has one; yes when `quiet`). */
  app?: boolean;
  overwrite?: OverwritePolicy;
  /** Ask nothing (defaults: slim, dhi.io), open nothing, show no message. */
  quiet?: boolean;
}

const DAGSTER_FLAVOURS: Record<BaseFlavour, { label: string; description: string }> = {
  slim: { label: "Slim", description: "python:<version>-slim — the default" },
  hardened: { label: "Hardened", description: "hardened images from the registry you give (dhi.io …)" },
  distroless: { label: "Distroless", description: "the user-code image on gcr.io/distroless; webserver and daemon on slim" },
};

export async function generateDagster(api: ServerApi, arg?: GenerateDagsterArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: GenerateDagsterArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const project = await projectWithManifest(api, args.dir, "dagster");
  if (!project) return undefined;
  const { folder, facts } = project;
  let flavour = args.flavour ?? (args.quiet ? "slim" : undefined);
  if (!flavour) {
    // the flavours of `init dagster --flavour`: distroless is the user-code image's; the system images stay on slim
    const picked = await vscode.window.showQuickPick(
      BASE_FLAVOURS.map((f) => ({ ...DAGSTER_FLAVOURS[f], id: f })),
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
  let app = args.app;
  if (app === undefined && facts.webApp !== undefined && !args.quiet) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: `Include the web app service (${facts.webApp})`, id: "app", app: true },
        { label: "Dagster only", id: "no-app", app: false },
      ],
      { placeHolder: `${facts.name} also has a web app: run it in the Dagster stack?`, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    app = picked.app;
  }
  const generated = await generateFiles(api, {
    generator: "dagster",
    dir: folder.toString(),
    options: { flavour, registry, ...(app === undefined ? {} : { app }) },
  });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  await report(result, "Shipshape", "compose.yml", generated.nextSteps, args.quiet);
  return result;
}
