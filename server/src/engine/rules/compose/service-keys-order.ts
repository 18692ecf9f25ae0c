import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";

/** dclint's default grouping: core, dependencies, data, environment, network, runtime, metadata, security. */
const ORDER = [
  "image",
  "build",
  "container_name",
  "depends_on",
  "volumes",
  "volumes_from",
  "configs",
  "secrets",
  "environment",
  "env_file",
  "ports",
  "networks",
  "network_mode",
  "extra_hosts",
  "command",
  "entrypoint",
  "working_dir",
  "restart",
  "healthcheck",
  "logging",
  "labels",
  "user",
  "isolation",
];

export const rule = composeRule({
  meta: {
    id: "compose/service-keys-order",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
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
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      if (!svc.node) continue;
      let last = -1;
      let lastKey = "";
      for (const item of svc.node.items) {
        const k = scalarText(item.key);
        if (k === undefined) continue;
        const i = ORDER.indexOf(k);
        if (i < 0) continue;
        if (i < last) report({ messageId: "order", range: compose.rangeOf(item.key), data: { key: k, after: lastKey, service: svc.name } });
        else {
          last = i;
          lastKey = k;
        }
      }
    }
  },
});
