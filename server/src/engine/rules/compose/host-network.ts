import { composeRule } from "../../rule";
import { scalarText } from "../../model/compose";

export const rule = composeRule({
  meta: {
    id: "compose/host-network",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not share the host's network (or PID) namespace with `network_mode: host` / `pid: host`.",
    rationale:
      "With the host's network a container binds straight onto the host's interfaces, every port it opens is public, and it can reach services that listen only on the host's loopback. Compose's own networks, `ports:` and service names give isolation and discovery instead. `pid: host` lets the container see and signal every process on the host.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    network_mode: host\n",
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports:\n      - "127.0.0.1:8000:8000"\n',
      },
    ],
    equivalents: [],
    messages: {
      hostNetwork: "`network_mode: host` removes network isolation: every port the service opens is on the host.",
      hostPid: "`pid: host` lets the container see and signal every process of the host.",
    },
    practice: "Docker security: isolation",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      const nm = compose.pair(svc.node, "network_mode");
      if (nm && compose.owns(nm.value) && scalarText(compose.resolve(nm.value)) === "host")
        report({ messageId: "hostNetwork", range: compose.rangeOf(nm) });
      const pid = compose.pair(svc.node, "pid");
      if (pid && compose.owns(pid.value) && scalarText(compose.resolve(pid.value)) === "host")
        report({ messageId: "hostPid", range: compose.rangeOf(pid) });
    }
  },
});
