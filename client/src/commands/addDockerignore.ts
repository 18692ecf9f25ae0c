/** "Shipshape: Add .dockerignore" */
import * as vscode from "vscode";
import { generateFiles, report, resolveFolder, writeGenerated, type OverwritePolicy, type WriteResult } from "./shared";
import type { ServerApi } from "./server";

export const ADD_DOCKERIGNORE = "shipshape.addDockerignore";

export interface AddDockerignoreArgs {
  dir?: vscode.Uri | string;
  overwrite?: OverwritePolicy;
  quiet?: boolean;
}

export async function addDockerignore(api: ServerApi, arg?: AddDockerignoreArgs | vscode.Uri): Promise<WriteResult | undefined> {
  const args: AddDockerignoreArgs = arg instanceof vscode.Uri ? { dir: arg } : (arg ?? {});
  const folder = await resolveFolder(args.dir);
  if (!folder) return undefined;
  const generated = await generateFiles(api, { generator: "dockerignore", dir: folder.toString() });
  if (!generated) return undefined;
  const result = await writeGenerated(generated, args.overwrite ?? "ask");
  await report(result, "Shipshape", ".dockerignore", [], args.quiet);
  return result;
}
