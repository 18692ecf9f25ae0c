import { isSeq, visit, type Node } from "yaml";
import { ComposeFileModel } from "../engine/model/compose";
import { DockerfileModel } from "../engine/model/dockerfile";
import type { LineIndex, Position } from "../engine/text";

/**
 * The line a `# shipshape-ignore` comment goes above so that it covers a finding at `at`:
 * - Dockerfile: the first line of the instruction (a comment inside a continued instruction would not count);
 * - compose: the line of the innermost key or sequence item holding the finding, so the comment never lands
 *   inside a block scalar or a multi-line value.
 * Computed when a code action is asked for (not per finding at lint time: that would be quadratic on big files).
 */
export function suppressionAnchor(
  model: DockerfileModel | ComposeFileModel | undefined,
  lines: LineIndex,
  at: Position,
): { line: number; indent: string } {
  let line = at.line;
  if (model instanceof DockerfileModel) {
    // instructions are in document order: the last one starting at or before the line
    const list = model.instructions;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as (typeof list)[number]).range.start.line <= at.line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const ins = list[found];
    if (ins && at.line <= ins.range.end.line) line = ins.range.start.line;
  } else if (model instanceof ComposeFileModel) {
    const offset = lines.offsetAt(at);
    let best = -1;
    const consider = (start: number | undefined) => {
      if (start !== undefined && start <= offset && start > best) best = start;
    };
    const contains = (n: Node | null | undefined) => !!n?.range && n.range[0] <= offset && offset <= n.range[2];
    visit(model.doc, {
      Pair(_, pair) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && key.range[0] <= offset && offset <= (value?.range?.[2] ?? key.range[2])) consider(key.range[0]);
      },
      Seq(_, seq) {
        if (!contains(seq) || !isSeq(seq)) return;
        for (const item of seq.items as (Node | null)[]) if (contains(item)) consider(item?.range?.[0]);
      },
    });
    if (best >= 0) line = lines.positionAt(best).line;
  }
  const text = line < lines.lineCount ? lines.lineText(line) : "";
  return { line, indent: /^[ \t]*/.exec(text)?.[0] ?? "" };
}
