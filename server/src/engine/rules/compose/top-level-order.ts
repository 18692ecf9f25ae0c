import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

const ORDER = ["x-", "version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs"];

export const rule = composeRule({
  meta: {
    id: "compose/top-level-order",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
    summary:
      "Style (off by default): order top-level keys as `x-*`, `name`, `include`, `services`, `models`, `networks`, `volumes`, `secrets`, `configs`.",
    rationale:
      "A house style mirrored from dclint: extension fields (anchors) first, so they are defined before they are used, then the sections in a fixed order.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "volumes:\n  data: {}\nservices:\n  db:\n    image: postgres:16.4\n",
        good: "services:\n  db:\n    image: postgres:16.4\nvolumes:\n  data: {}\n",
      },
    ],
    equivalents: ["dclint:top-level-properties-order"],
    messages: { order: "Top-level `{{key}}` should come before `{{after}}`." },
    practice: "dclint style",
  },
  check({ compose, report }) {
    let last = -1;
    let lastKey = "";
    for (const item of compose.root?.items ?? []) {
      const k = scalarText(item.key);
      if (k === undefined) continue;
      const i = ORDER.indexOf(k.startsWith("x-") ? "x-" : k);
      if (i < 0) continue;
      if (i < last) report({ messageId: "order", range: compose.rangeOf(item.key), data: { key: k, after: lastKey } });
      else {
        last = i;
        lastKey = k;
      }
    }
  },
});
