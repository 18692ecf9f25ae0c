import { isScalar } from "yaml";
import { innerRange } from "../../analysis/compose";
import { composeRule } from "../../rule";

const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export const rule = composeRule({
  meta: {
    id: "compose/container-name-format",
    category: "reliability",
    defaultSeverity: "error",
    failure: "Docker refuses to create a container with that name, so `docker compose up` fails for the service.",
    fixable: false,
    summary: "`container_name` must be a valid Docker container name.",
    rationale:
      "Docker accepts container names that start with a letter or digit and continue with letters, digits, `_`, `.` or `-`. Anything else fails only when the container is created, after images have been pulled and built.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme api\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    container_name: acme-api\n",
      },
    ],
    equivalents: ["dclint:service-container-name-regex"],
    messages: { invalid: "`{{name}}` is not a valid container name (letters, digits, `_`, `.`, `-`; starting with a letter or digit)." },
    practice: "Docker container naming",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      const node = compose.get(svc.node, "container_name");
      if (!isScalar(node) || node.value === null) continue;
      const name = String(node.value);
      if (name.includes("$") || VALID.test(name)) continue;
      report({ messageId: "invalid", range: innerRange(compose, node), data: { name } });
    }
  },
});
