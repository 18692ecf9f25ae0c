/**
 * Regeneration with other choices (no compose files this time, fewer recipes) leaves the files of the previous run
 * behind. Writing never deletes them; this names them so the user is told. A file counts as left from a previous
 * run when this generator could write it (with every option on), this run does not, it exists, and it starts with
 * the same first line the generator writes there (its header comment), so a file of the user's own is not named.
 */
import { RECIPE_NAMES } from "../choices";
import { join, normalize } from "../paths";
import type { WorkspaceFs } from "../types";
import type { GeneratedFile } from "./files";
import { generate, type GenerateOptions, type GeneratorName } from "./index";
import { isMergedFile } from "./plan";
import type { ProjectFacts } from "./projectFacts";

/** The options under which a generator writes every file it ever writes for this project. */
function everyFileOptions(name: GeneratorName, options: GenerateOptions): GenerateOptions {
  if (name === "dockerfile") return { ...options, devStage: true, compose: true };
  if (name === "recipes") return { ...options, recipes: [...RECIPE_NAMES], makefile: true };
  return options;
}

const firstLine = (text: string) => text.split(/\r?\n/, 1)[0]?.trim() ?? "";

export function orphanedFiles(
  fs: WorkspaceFs,
  root: string,
  name: GeneratorName,
  facts: ProjectFacts,
  options: GenerateOptions,
  thisRun: readonly GeneratedFile[],
): string[] {
  const produced = new Set(thisRun.map((f) => f.path));
  const base = normalize(root);
  const out: string[] = [];
  for (const f of generate(name, facts, everyFileOptions(name, options))) {
    if (produced.has(f.path) || isMergedFile(f.path)) continue;
    const header = firstLine(f.contents);
    if (header === "") continue;
    const existing = fs.readFile(join(base, f.path));
    if (existing !== undefined && firstLine(existing) === header) out.push(f.path);
  }
  return out;
}
