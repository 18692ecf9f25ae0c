/** "Shipshape: Assemble compose stack from recipes…" */
import * as vscode from "vscode";
import { parseRecipeName, RECIPE_NAMES, RECIPE_TITLES, type RecipeName } from "../../../server/src/engine/choices";
import {
  generateFiles,
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
  /** Also write a Makefile with up/down/logs targets (default: offered after writing). */
  makefile?: boolean;
  overwrite?: OverwritePolicy;
  /** Ask nothing (default recipes: db, api), show no message. */
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
  const options = { recipes, makefile: args.makefile === true };
  const generated = await generateFiles(api, { generator: "recipes", dir: folder.toString(), options });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  const command = generated.command ?? "";
  await report(result, "Shipshape", `compose.${recipes[0]}.yml`, [], true);
  if (result.cancelled && !args.quiet) await report(result, "Shipshape", undefined);
  if (!args.quiet && !result.cancelled) {
    const steps = generated.nextSteps.filter((s) => !s.startsWith("Start:"));
    const actions = ["Copy command", ...(args.makefile === undefined ? ["Add Makefile targets"] : [])];
    void vscode.window
      .showInformationMessage(
        `Shipshape wrote ${result.written.length} file(s). Start the stack: ${command}${steps.length ? `  (${steps.join("; ")})` : ""}${orphanNote(result)}`,
        ...actions,
      )
      .then(async (choice) => {
        if (choice === "Copy command") await vscode.env.clipboard.writeText(command);
        if (choice === "Add Makefile targets") {
          const makefile = await generateFiles(api, {
            generator: "recipes",
            dir: folder.toString(),
            options: { recipes, makefile: true },
            only: ["Makefile"],
          });
          if (makefile) await writeGenerated(makefile, "ask");
        }
      });
  }
  return { ...result, command };
}
