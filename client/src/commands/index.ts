import * as vscode from "vscode";
import { addDockerignore, ADD_DOCKERIGNORE } from "./addDockerignore";
import { assembleRecipes, ASSEMBLE_RECIPES } from "./assembleRecipes";
import { fixAllApplied } from "./fixAllReport";
import { generateDagster, GENERATE_DAGSTER } from "./generateDagster";
import { generateDockerfile, GENERATE_DOCKERFILE } from "./generateDockerfile";
import { refineFile, REFINE_FILE } from "./refineFile";
import { registerReviewProvider, reviewFile, REVIEW_FILE } from "./reviewFile";
import { FIX_ALL_REPORT_COMMAND, type FixAllReport } from "../../../server/src/services/protocol";
import { saveAsUtf8, SAVE_AS_UTF8_COMMAND } from "./saveAsUtf8";
import type { ServerApi } from "./server";
import { registerPreviewProvider } from "./shared";
import { sortServiceKeys, SORT_SERVICE_KEYS } from "./sortServiceKeys";

/**
 * Registers every Shipshape command. The language server computes (review, refine, generators: see
 * server/src/services/commands.ts); the commands ask the user, show previews and apply the edits it returns.
 */
export function registerCommands(context: vscode.ExtensionContext, api: ServerApi): void {
  registerPreviewProvider(context);
  registerReviewProvider(context);
  const commands: [string, (api: ServerApi, arg?: never) => unknown][] = [
    [GENERATE_DOCKERFILE, generateDockerfile],
    [GENERATE_DAGSTER, generateDagster],
    [ASSEMBLE_RECIPES, assembleRecipes],
    [ADD_DOCKERIGNORE, addDockerignore],
    [REVIEW_FILE, reviewFile],
    [REFINE_FILE, refineFile],
    [SAVE_AS_UTF8_COMMAND, (_api: ServerApi, uri?: string) => saveAsUtf8(uri)],
    [FIX_ALL_REPORT_COMMAND, (_api: ServerApi, report?: FixAllReport) => fixAllApplied(report)],
    [SORT_SERVICE_KEYS, () => sortServiceKeys()],
  ];
  for (const [id, run] of commands)
    context.subscriptions.push(vscode.commands.registerCommand(id, (arg?: unknown) => run(api, arg as never)));
}
