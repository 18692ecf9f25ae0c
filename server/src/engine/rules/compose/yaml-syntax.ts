import { isMap, isSeq, type Node } from "yaml";
import { isMergeKey, scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

/** Nodes visited when looking for duplicate keys (bounded; aliases are not followed). */
const MAX_NODES = 200_000;

export const rule = composeRule({
  meta: {
    id: "compose/yaml-syntax",
    category: "reliability",
    defaultSeverity: "error",
    fixable: false,
    summary: "The file must be valid YAML, without duplicate keys.",
    rationale:
      "Compose cannot load a file that does not parse, and it rejects a mapping that repeats a key (YAML itself says the keys of a mapping are unique). Editors that only highlight YAML often miss both; this rule reports each problem where the parser found it.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  web:\n    image: nginx:1.27-alpine\n    image: nginx:1.26-alpine\n",
        good: "services:\n  web:\n    image: nginx:1.27-alpine\n",
      },
    ],
    equivalents: ["dclint:invalid-yaml"],
    messages: {
      syntax: "YAML syntax error: {{message}}",
      warning: "YAML: {{message}}",
      duplicateKey: "The key `{{key}}` appears more than once in this mapping; Compose rejects the file.",
    },
    practice: "YAML 1.2",
  },
  check({ compose, report }) {
    for (const p of compose.problems) {
      report({ messageId: p.severity === "error" ? "syntax" : "warning", range: p.range, data: { message: p.message } });
    }
    if (compose.doc.errors.length > 0) return;
    let visited = 0;
    const stack: unknown[] = [compose.doc.contents];
    while (stack.length > 0 && visited++ < MAX_NODES) {
      const n = stack.pop();
      if (isMap(n)) {
        const seen = new Set<string>();
        for (const item of n.items) {
          if (!isMergeKey(item.key)) {
            const k = scalarText(item.key);
            if (k !== undefined) {
              if (seen.has(k)) report({ messageId: "duplicateKey", range: compose.rangeOf(item.key), data: { key: k } });
              seen.add(k);
            }
          }
          stack.push(item.value as Node);
        }
      } else if (isSeq(n)) {
        for (const item of n.items) stack.push(item);
      }
    }
  },
});
