/** "Shipshape: Generate hardened Dockerfile…" */
import * as vscode from "vscode";
import { BASE_FLAVOURS, DEFAULT_REGISTRY, type BaseFlavour } from "../../../server/src/engine/choices";
import {
  generateFiles,
  hardenedRegistry,
  pickMany,
  projectWithManifest,
  report,
  writeGenerated,
  type OverwritePolicy,
  type WriteResult,
} from "./shared";
import type { ServerApi } from "./server";

export const GENERATE_DOCKERFILE = "shipshape.generateDockerfile";

/** Answers a test (or another extension) can pass so nothing is asked. */
export interface GenerateDockerfileArgs {
  /** Project folder (Uri, path or URI string); default: the workspace folder. */
  dir?: vscode.Uri | string;
  flavour?: BaseFlavour;
  registry?: string;
  devStage?: boolean;
  compose?: boolean;
  /** What to do with files that exist and differ (default: ask, with a diff). */
  overwrite?: OverwritePolicy;
  /** Ask nothing (unanswered questions take their defaults: slim, dhi.io, no dev stage, no compose), open nothing, show no message. */
  quiet?: boolean;
}

const FLAVOUR_ITEMS: Record<BaseFlavour, { label: string; description: string }> = {
  slim: { label: "Slim", description: "python:<version>-slim / node:<version>-slim — the default; a shell for debugging" },
  hardened: { label: "Hardened", description: "hardened images (dhi.io …): patched, no shell or package manager, non-root" },
  distroless: { label: "Distroless", description: "gcr.io/distroless: no shell, smallest attack surface" },
};

export async function generateDockerfile(api: ServerApi, arg?: GenerateDockerfileArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: GenerateDockerfileArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const project = await projectWithManifest(api, args.dir);
  if (!project) return undefined;
  const { folder, facts } = project;

  let flavour = args.flavour ?? (args.quiet ? "slim" : undefined);
  if (!flavour) {
    const picked = await vscode.window.showQuickPick(
      BASE_FLAVOURS.map((f) => ({ ...FLAVOUR_ITEMS[f], id: f })),
      {
        placeHolder: `Base image for ${facts.name} (${facts.platform === "node" ? `Node ${facts.nodeVersion}` : `Python ${facts.pythonVersion}`}, ${facts.packageManager}, ${facts.framework})`,
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    flavour = picked.id;
  }
  const registry = await hardenedRegistry(flavour, args.registry, args.quiet, DEFAULT_REGISTRY);
  if (registry === null) return undefined;
  let { devStage, compose } = args;
  if (args.quiet) {
    devStage ??= false;
    compose ??= false;
  }
  if (devStage === undefined || compose === undefined) {
    const extras = await pickMany(
      [
        { id: "devStage", label: "Dev stage", description: "dev dependencies and reload (`--target dev`)", picked: devStage ?? false },
        {
          id: "compose",
          label: "Compose files",
          description: "compose.yml (production-like) + compose.override.yml (source mount, reload)",
          picked: compose ?? false,
        },
      ],
      "Also include… (Enter for none)",
    );
    if (!extras) return undefined;
    devStage ??= extras.includes("devStage");
    compose ??= extras.includes("compose");
  }
  const options = { flavour, registry, devStage, compose };
  const generated = await generateFiles(api, { generator: "dockerfile", dir: folder.toString(), options });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  await report(result, "Shipshape", "Dockerfile", generated.nextSteps, args.quiet);
  return result;
}
