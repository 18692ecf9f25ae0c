/** Sources and destination of COPY/ADD as paths: `copyOperands` without inline (heredoc) files. */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import { copyOperands, type CopyOperand } from "./instructions";
import { objectMemo } from "../memo";

export type CopyPath = CopyOperand;

export interface CopyArgs {
  sources: CopyPath[];
  dest: CopyPath;
}

/** Undefined when there is no destination or no source path (a COPY of inline files only). */
export function copyArgs(dockerfile: DockerfileModel, ins: DockerInstruction): CopyArgs | undefined {
  const ops = copyOperands(ins, dockerfile);
  if (!ops) return undefined;
  const sources = ops.sources.filter((s) => !s.value.startsWith("<<"));
  return sources.length > 0 ? { sources, dest: ops.dest } : undefined;
}

/**
 * Sources and destination of a COPY/ADD as the words Docker reads (shell or JSON form; heredocs and flags left
 * out), without positions: what the image models and the build context need. Computed once per instruction (a dozen rules
 * and both image models ask) and shared, so frozen.
 */
export function copyPaths(ins: DockerInstruction): { readonly sources: readonly string[]; readonly dest: string } | undefined {
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return undefined;
  const kept = copyPathsCache.get(ins);
  if (kept !== undefined) return kept ?? undefined;
  const c = readCopyArgs(ins);
  const shared = c ? Object.freeze({ sources: Object.freeze(c.sources), dest: c.dest }) : undefined;
  copyPathsCache.set(ins, shared ?? null);
  return shared;
}
const copyPathsCache = objectMemo<DockerInstruction, { readonly sources: readonly string[]; readonly dest: string } | null>(
  "shipshape.copyArgs",
);

function readCopyArgs(ins: DockerInstruction): { sources: string[]; dest: string } | undefined {
  let args: string[];
  if (ins.argsText.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(ins.argsText.trim());
      args = Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      args = [];
    }
  } else args = ins.ast.getArguments().map((a) => a.getValue());
  args = args.filter((a) => !a.startsWith("<<"));
  if (args.length < 2) return undefined;
  return { sources: args.slice(0, -1), dest: args[args.length - 1] as string };
}
