import { isScalar } from "yaml";
import { servicePorts } from "../../analysis/compose";
import { composeImageInfo } from "../../knowledge/composeImages";
import { composeRule } from "../../rule";

const DATA_ROLES = new Set(["database", "cache", "broker", "search"]);

export const rule = composeRule({
  meta: {
    id: "compose/bind-to-localhost",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Publish database and cache ports on `127.0.0.1`, not on every interface.",
    rationale:
      "`5432:5432` publishes the port on all of the host's interfaces, and Docker's own firewall rules bypass host firewalls such as ufw. A development database with a weak password is then reachable from the network. Bind to `127.0.0.1:5432:5432` when only the host needs it, or publish nothing: services reach each other over the Compose network. With the option `allServices` the rule checks every published port, as dclint's `no-unbound-port-interfaces` does.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  db:\n    image: postgres:16.4-alpine\n    ports:\n      - "5432:5432"\n',
        good: 'services:\n  db:\n    image: postgres:16.4-alpine\n    ports:\n      - "127.0.0.1:5432:5432"\n',
      },
    ],
    equivalents: ["dclint:no-unbound-port-interfaces"],
    messages: {
      allInterfaces: "`{{port}}` publishes {{what}} on every interface of the host. Bind it to 127.0.0.1.",
    },
    options: {
      allServices: {
        description: "Check the published ports of every service, not only databases and caches.",
        type: "boolean",
        default: false,
      },
    },
    practice: "002 (compose for development), Docker's packet-filtering notes",
  },
  check({ compose, project, report, options }) {
    for (const svc of compose.services) {
      const info = composeImageInfo(project.image(svc.name));
      const isData = info !== undefined && DATA_ROLES.has(info.role);
      if (!isData && options.allServices !== true) continue;
      for (const p of servicePorts(compose, svc)) {
        if (!compose.owns(p.node) || p.hostPort === undefined) continue;
        if (p.hostIp !== undefined && p.hostIp !== "0.0.0.0" && p.hostIp !== "::" && p.hostIp !== "") continue;
        const fixes = [];
        if (!p.long && isScalar(p.node) && p.node.range && p.hostIp === undefined) {
          const text = String(p.node.value);
          const quote = p.node.type === "QUOTE_SINGLE" ? "'" : '"';
          fixes.push({
            title: "Bind to 127.0.0.1",
            safe: false,
            edits: [{ range: compose.rangeOf(p.node), newText: `${quote}127.0.0.1:${text}${quote}` }],
          });
        }
        report({
          messageId: "allInterfaces",
          range: p.range,
          data: {
            port: isScalar(p.node) ? String(p.node.value) : `${p.hostPort}:${p.containerPort}`,
            what: isData ? (info?.label ?? "it") : "it",
          },
          fixes,
        });
      }
    }
  },
});
