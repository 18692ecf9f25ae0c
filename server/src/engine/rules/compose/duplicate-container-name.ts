import { isScalar } from "yaml";
import { innerRange } from "../../analysis/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/duplicate-container-name",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the second container cannot be created: the name is already in use, so `docker compose up` fails.",
    fixable: false,
    summary: "Two services must not set the same `container_name`.",
    rationale:
      "Container names are unique per Docker host. The second service fails to start with a name conflict, and only when it is created. Checked across the base file and its overrides.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme\n  worker:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme-api\n  worker:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme-worker\n",
      },
    ],
    equivalents: ["dclint:no-duplicate-container-names"],
    messages: { duplicate: "Container name `{{name}}` is also used by service `{{other}}`." },
    practice: "Docker container naming",
  },
  check({ compose, project, report }) {
    const names = new Map<string, string[]>();
    for (const name of project.serviceNames()) {
      const cn = project.scalar(name, "container_name");
      if (cn === undefined || cn.includes("$")) continue;
      names.set(cn, [...(names.get(cn) ?? []), name]);
    }
    for (const svc of compose.services) {
      const node = compose.get(svc.node, "container_name");
      if (!isScalar(node) || node.value === null) continue;
      const users = names.get(String(node.value)) ?? [];
      const other = users.find((u) => u !== svc.name);
      if (other === undefined || project.scalar(svc.name, "container_name") !== String(node.value)) continue;
      report({ messageId: "duplicate", range: innerRange(compose, node), data: { name: String(node.value), other } });
    }
  },
});
