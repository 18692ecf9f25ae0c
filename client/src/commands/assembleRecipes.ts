/** "Shipshape: Assemble compose stack from recipes…" */
import * as vscode from "vscode";
import { generate, nextSteps } from "../../../server/src/engine/generators";
import {
  makefile,
  parseRecipeName,
  RECIPE_NAMES,
  RECIPE_TITLES,
  recipeCommand,
  type RecipeName,
} from "../../../server/src/engine/generators/recipes";
import { factsOf, pickMany, report, resolveFolder, writeGenerated, type OverwritePolicy, type WriteResult } from "./shared";

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

export async function assembleRecipes(arg?: AssembleRecipesArgs | vscode.Uri): Promise<(WriteResult & { command: string }) | undefined> {
  const args: AssembleRecipesArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const folder = await resolveFolder(args.dir);
  if (!folder) return undefined;
  const facts = factsOf(folder);
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
  const result = await writeGenerated(folder, generate("recipes", facts, options), args.overwrite ?? "ask");
  const command = recipeCommand(recipes);
  await report(result, "Shipshape", `compose.${recipes[0]}.yml`, [], true);
  if (!args.quiet) {
    const steps = nextSteps("recipes", facts, options).filter((s) => !s.startsWith("Start:"));
    const actions = ["Copy command", ...(args.makefile === undefined ? ["Add Makefile targets"] : [])];
    void vscode.window
      .showInformationMessage(
        `Shipshape wrote ${result.written.length} file(s). Start the stack: ${command}${steps.length ? `  (${steps.join("; ")})` : ""}`,
        ...actions,
      )
      .then(async (choice) => {
        if (choice === "Copy command") await vscode.env.clipboard.writeText(command);
        if (choice === "Add Makefile targets") await writeGenerated(folder, [{ path: "Makefile", contents: makefile(recipes) }], "ask");
      });
  }
  return { ...result, command };
}
