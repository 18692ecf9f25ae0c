/** "Shipshape: Add .dockerignore" */
import * as vscode from "vscode";
import { generate } from "../../../server/src/engine/generators";
import { factsOf, report, resolveFolder, writeGenerated, type OverwritePolicy, type WriteResult } from "./shared";

export const ADD_DOCKERIGNORE = "shipshape.addDockerignore";

export interface AddDockerignoreArgs {
  dir?: vscode.Uri | string;
  overwrite?: OverwritePolicy;
  quiet?: boolean;
}

export async function addDockerignore(arg?: AddDockerignoreArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: AddDockerignoreArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const folder = await resolveFolder(args.dir);
  if (!folder) return undefined;
  const result = await writeGenerated(folder, generate("dockerignore", factsOf(folder)), args.overwrite ?? "ask");
  await report(result, "Shipshape", ".dockerignore", [], args.quiet);
  return result;
}
