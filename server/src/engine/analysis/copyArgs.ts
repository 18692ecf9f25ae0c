/** Sources and destination of COPY/ADD, in shell form or JSON form (`COPY ["a b", "/dest/"]`). */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import type { Range } from "../text";

export interface CopyPath {
  value: string;
  range: Range;
}

export interface CopyArgs {
  sources: CopyPath[];
  dest: CopyPath;
}

export function copyArgs(dockerfile: DockerfileModel, ins: DockerInstruction): CopyArgs | undefined {
  let args = ins.ast.getArguments();
  if (ins.heredocs.length > 0)
    args = args.filter((a) => a.getRange().start.line === ins.range.start.line && !a.getValue().startsWith("<<"));
  const first = args[0];
  const last = args[args.length - 1];
  if (!first || !last) return undefined;
  if (first.getValue().startsWith("[")) {
    const start = dockerfile.lines.offsetAt(first.getRange().start);
    const end = dockerfile.lines.offsetAt(last.getRange().end);
    const text = dockerfile.text.slice(start, end);
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.length >= 2 && parsed.every((x) => typeof x === "string")) {
        // positions of each string inside the array text
        const paths: CopyPath[] = [];
        let from = 0;
        for (const value of parsed as string[]) {
          const quoted = JSON.stringify(value);
          const at = text.indexOf(quoted, from);
          const s = start + Math.max(0, at);
          paths.push({ value, range: dockerfile.lines.rangeOf(s, s + (at < 0 ? 0 : quoted.length)) });
          from = at < 0 ? from : at + quoted.length;
        }
        return { sources: paths.slice(0, -1), dest: paths[paths.length - 1] as CopyPath };
      }
    } catch {
      // not JSON after all: read it as shell words
    }
  }
  if (args.length < 2) return undefined;
  const paths = args.map((a) => ({ value: a.getValue(), range: a.getRange() }));
  return { sources: paths.slice(0, -1), dest: paths[paths.length - 1] as CopyPath };
}
