/** "Shipshape: Generate Dagster compose setup…" */
import * as vscode from "vscode";
import { generate, nextSteps } from "../../../server/src/engine/generators";
import { BASE_FLAVOURS, DEFAULT_REGISTRY, type BaseFlavour } from "../../../server/src/engine/generators/hardenedDockerfile";
import { factsOf, report, resolveFolder, writeGenerated, type OverwritePolicy, type WriteResult } from "./shared";

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
  const folder = await resolveFolder(args.dir);
  if (!folder) return undefined;
  const facts = factsOf(folder);
  if (!facts.hasManifest) {
    void vscode.window.showErrorMessage(
      `Shipshape: ${folder.fsPath} has no pyproject.toml, requirements*.txt or package.json, so there is nothing to install from. Add the project's dependencies first.`,
    );
    return undefined;
  }
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
  let registry = args.registry ?? (args.quiet ? DEFAULT_REGISTRY : undefined);
  if (flavour === "hardened" && registry === undefined) {
    registry = await vscode.window.showInputBox({
      prompt: "Registry of the hardened images",
      value: DEFAULT_REGISTRY,
      ignoreFocusOut: true,
    });
    if (registry === undefined) return undefined;
  }
  const options = { flavour, registry };
  const result = await writeGenerated(folder, generate("dagster", facts, options), args.overwrite ?? "ask");
  await report(result, "Shipshape", "compose.yml", nextSteps("dagster", facts, options), args.quiet);
  return result;
}
