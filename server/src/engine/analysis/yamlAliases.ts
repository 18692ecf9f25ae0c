import { isAlias, isMap, isPair, isSeq, type Alias } from "yaml";
import type { ComposeFileModel } from "../model/compose";

/**
 * Aliases (`*name`) with no anchor (`&name`) before them, in document order. The walk does not follow aliases and
 * stops after `maxNodes` nodes, so it is linear in the file and bounded.
 */
export function unresolvedAliases(file: ComposeFileModel, maxNodes = 200_000): Alias[] {
  // an alias is written `*name`: a text without `*` has none (most files), and the walk is skipped
  if (!file.text.includes("*")) return [];
  const out: Alias[] = [];
  const stack: unknown[] = [file.doc.contents];
  let visited = 0;
  while (stack.length > 0 && visited++ < maxNodes) {
    const n = stack.pop();
    if (isAlias(n)) {
      if (file.resolve(n) === undefined) out.push(n);
    } else if (isMap(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) {
        const item = n.items[i];
        if (!isPair(item)) continue;
        stack.push(item.value, item.key);
      }
    } else if (isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return out;
}
