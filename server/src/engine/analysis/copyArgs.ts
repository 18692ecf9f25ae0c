/** Sources and destination of COPY/ADD as paths: `copyOperands` without inline (heredoc) files. */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import { copyOperands, type CopyOperand } from "./instructions";

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
