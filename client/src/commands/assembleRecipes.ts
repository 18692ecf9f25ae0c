/** "Shipshape: Assemble compose stack from recipes…" */
import * as vscode from "vscode";
import {
  BASE_FLAVOURS,
  DEFAULT_REGISTRY,
  parseRecipeName,
  RECIPE_NAMES,
  RECIPE_TITLES,
  type BaseFlavour,
  type RecipeName,
} from "../../../server/src/engine/choices";
import {
  generateFiles,
  hardenedRegistry,
  orphanNote,
  pickMany,
  report,
  resolveFolder,
  writeGenerated,
  type OverwritePolicy,
  type WriteResult,
} from "./shared";
import type { ServerApi } from "./server";

export const ASSEMBLE_RECIPES = "shipshape.assembleRecipes";

export interface AssembleRecipesArgs {
  dir?: vscode.Uri | string;
  /** Recipe names: db, cache, api, front, proxy, nginx (or static), observability. */
  recipes?: string[];
  /** Also write a Makefile with up/down/logs targets (compose.just when the project uses just); default: asked. */
  makefile?: boolean;
  /** Also write compose-dev.yml (source mount, reload, debug logs, host UID/GID) for the api service; default: asked. */
  dev?: boolean;
  /** The base image family of the Dockerfile the api service builds (distroless names its own programs); default: asked. */
  flavour?: BaseFlavour;
  /** The registry of the hardened images (hardened flavour; default dhi.io, asked). */
  registry?: string;
  overwrite?: OverwritePolicy;
  /** Ask nothing (defaults: recipes db and api, slim, no Makefile, no compose-dev.yml), show no message. */
  quiet?: boolean;
}

export async function assembleRecipes(
  api: ServerApi,
  arg?: AssembleRecipesArgs | vscode.Uri,
): Promise<(WriteResult & { command: string }) | undefined> {
  const args: AssembleRecipesArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const folder = await resolveFolder(args.dir);
  if (!folder) return undefined;
  let recipes: RecipeName[] | undefined = args.recipes?.map((r) => parseRecipeName(r)).filter((r): r is RecipeName => r !== undefined);
  if ((!recipes || recipes.length === 0) && args.quiet) recipes = ["db", "api"];
  if (!recipes || recipes.length === 0) {
    recipes = await pickMany(
      RECIPE_NAMES.map((r) => ({ id: r, label: RECIPE_TITLES[r], description: `compose.${r}.yml`, picked: r === "db" || r === "api" })),
      "Pick the recipes for the stack",
    );
    if (!recipes || recipes.length === 0) return undefined;
  }
  const withApp = recipes.includes("api");
  // the flavour decides the api service's commands and probe and, hardened, where Postgres comes from; the dev
  // override is the api service's: neither is asked when no recipe uses it
  const usesFlavour = withApp || recipes.includes("db");
  const flavour = args.flavour ?? (args.quiet || !usesFlavour ? undefined : await pickFlavour(withApp));
  if (flavour === null) return undefined;
  const registry = flavour ? await hardenedRegistry(flavour, args.registry, args.quiet, DEFAULT_REGISTRY) : args.registry;
  if (registry === null) return undefined;
  let { makefile, dev } = args;
  if (args.quiet) {
    makefile ??= false;
    dev ??= false;
  }
  if (!withApp) dev ??= false;
  if (makefile === undefined || dev === undefined) {
    const extras = await pickMany(
      [
        ...(dev === undefined
          ? [
              {
                id: "dev" as const,
                label: "Developer override",
                description: "compose-dev.yml: source mount, reload, debug logs, your UID/GID (`--dev`)",
                picked: false,
              },
            ]
          : []),
        ...(makefile === undefined
          ? [
              {
                id: "makefile" as const,
                label: "Makefile targets",
                description: "up, down, logs (compose.just when the project uses just) (`--makefile`)",
                picked: false,
              },
            ]
          : []),
      ],
      "Also include… (Enter for none)",
    );
    if (!extras) return undefined;
    dev ??= extras.includes("dev");
    makefile ??= extras.includes("makefile");
  }
  const options = { recipes, makefile, dev, ...(flavour ? { flavour } : {}), ...(registry ? { registry } : {}) };
  const generated = await generateFiles(api, { generator: "recipes", dir: folder.toString(), options });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  const command = generated.command ?? "";
  await report(result, "Shipshape", `compose.${recipes[0]}.yml`, [], true);
  if (result.cancelled && !args.quiet) await report(result, "Shipshape", undefined);
  if (!args.quiet && !result.cancelled) {
    const steps = generated.nextSteps.filter((s) => !s.startsWith("Start:"));
    void vscode.window
      .showInformationMessage(
        `Shipshape wrote ${result.written.length} file(s). Start the stack: ${command}${steps.length ? `  (${steps.join("; ")})` : ""}${orphanNote(result)}`,
        "Copy command",
      )
      .then(async (choice) => {
        if (choice === "Copy command") await vscode.env.clipboard.writeText(command);
      });
  }
  return { ...result, command };
}

/** The base image family (what "Generate hardened Dockerfile" was asked, for the app); null when cancelled. */
async function pickFlavour(withApp: boolean): Promise<BaseFlavour | null> {
  const picked = await vscode.window.showQuickPick(
    BASE_FLAVOURS.filter((f) => withApp || f !== "distroless").map((f) => ({
      label: FLAVOUR_LABELS[f],
      description: FLAVOUR_NOTES[f],
      id: f,
    })),
    {
      placeHolder: withApp
        ? "Base images: the one the app's Dockerfile uses (the api service's probe and commands depend on it)"
        : "Base images of the stack (hardened: Postgres from the hardened registry)",
      ignoreFocusOut: true,
    },
  );
  return picked ? picked.id : null;
}

const FLAVOUR_LABELS: Record<BaseFlavour, string> = { slim: "Slim", hardened: "Hardened", distroless: "Distroless" };
const FLAVOUR_NOTES: Record<BaseFlavour, string> = {
  slim: "python:<version>-slim / node:<version>-slim (the default)",
  hardened: "hardened images (dhi.io …), Postgres too",
  distroless: "gcr.io/distroless: no shell; the probe and migration name their programs",
};
