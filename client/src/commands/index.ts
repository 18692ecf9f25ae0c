import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { addDockerignore, ADD_DOCKERIGNORE } from "./addDockerignore";
import { assembleRecipes, ASSEMBLE_RECIPES } from "./assembleRecipes";
import { generateDagster, GENERATE_DAGSTER } from "./generateDagster";
import { generateDockerfile, GENERATE_DOCKERFILE } from "./generateDockerfile";
import { refineFile, REFINE_FILE } from "./refineFile";
import { reviewFile, REVIEW_FILE } from "./reviewFile";
import { saveAsUtf8, SAVE_AS_UTF8_COMMAND } from "./saveAsUtf8";
import { registerPreviewProvider } from "./shared";
import { sortServiceKeys, SORT_SERVICE_KEYS } from "./sortServiceKeys";

/**
 * Registers every Shipshape command. extension.ts only calls this. The commands run the engine in the
 * extension host (generators, review and refine are pure functions over the workspace files), so they do
 * not need the language server; `client` stays available for commands that will.
 */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  void client;
  registerPreviewProvider(context);
  const commands: [string, (...args: never[]) => unknown][] = [
    [GENERATE_DOCKERFILE, generateDockerfile],
    [GENERATE_DAGSTER, generateDagster],
    [ASSEMBLE_RECIPES, assembleRecipes],
    [ADD_DOCKERIGNORE, addDockerignore],
    [REVIEW_FILE, reviewFile],
    [REFINE_FILE, refineFile],
    [SAVE_AS_UTF8_COMMAND, saveAsUtf8],
    [SORT_SERVICE_KEYS, sortServiceKeys],
  ];
  for (const [id, run] of commands) context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
}
