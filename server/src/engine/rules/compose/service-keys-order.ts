import { DEFAULT_SERVICE_KEY_ORDER, sortServiceKeys } from "../../format/serviceKeys";
import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/service-keys-order",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["safe"],
    summary:
      "Style (off by default): order the keys inside a service (image/build first, then dependencies, data, environment, network, runtime, metadata, security).",
    rationale:
      "A house style mirrored from dclint's default grouping; services read the same way in every file. It has no effect on what Compose does.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    restart: unless-stopped\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    restart: unless-stopped\n",
      },
    ],
    equivalents: ["dclint:service-keys-order"],
    messages: { order: "`{{key}}` should come before `{{after}}` in service `{{service}}`." },
    practice: "dclint style",
    options: {
      order: {
        type: "string[]",
        description:
          "Service keys in the wanted order (the Sort Service Keys command uses it too); keys not listed may come anywhere after them.",
        default: DEFAULT_SERVICE_KEY_ORDER,
      },
    },
  },
  check({ compose, report, options }) {
    const configured = options.order;
    const ORDER: readonly string[] =
      Array.isArray(configured) && configured.every((k) => typeof k === "string") ? (configured as string[]) : DEFAULT_SERVICE_KEY_ORDER;
    for (const svc of compose.services) {
      if (!svc.node) continue;
      let last = -1;
      let lastKey = "";
      let edits: ReturnType<typeof sortServiceKeys> | undefined;
      for (const item of svc.node.items) {
        const k = scalarText(item.key);
        if (k === undefined) continue;
        const i = ORDER.indexOf(k);
        if (i < 0) continue;
        if (i < last) {
          // moving whole key blocks cannot change what Compose reads (the sorter checks the tree is the same)
          edits ??= sortServiceKeys(compose.text, ORDER, svc.name);
          const fixes = edits.length ? [{ title: `Sort the keys of service ${svc.name}`, safe: true, edits }] : [];
          report({ messageId: "order", range: compose.rangeOf(item.key), data: { key: k, after: lastKey, service: svc.name }, fixes });
        } else {
          last = i;
          lastKey = k;
        }
      }
    }
  },
});
