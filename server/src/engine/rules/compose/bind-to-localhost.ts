import { isScalar } from "yaml";
import { servicePorts, type PortMapping } from "../../analysis/compose";
import type { ComposeFileModel, ServiceModel } from "../../model/compose";
import type { ComposeProject } from "../../model/composeProject";
import { composeImageInfo } from "../../knowledge/composeImages";
import { composeRule } from "../../rule";

const DATA_ROLES = new Set(["database", "cache", "broker", "search"]);

/**
 * The published ports this rule reports: on every interface, of a database or cache (of every service with
 * `allServices`). `compose/quote-ports` asks it too: its style note on such a port is subordinate to this finding,
 * whose fix quotes the value anyway.
 */
export function unboundPorts(compose: ComposeFileModel, project: ComposeProject, allServices: boolean) {
  const out: { svc: ServiceModel; p: PortMapping; info: ReturnType<typeof composeImageInfo>; isData: boolean }[] = [];
  for (const svc of compose.services) {
    const info = composeImageInfo(project.image(svc.name));
    const isData = info !== undefined && DATA_ROLES.has(info.role);
    if (!isData && !allServices) continue;
    for (const p of servicePorts(compose, svc)) {
      if (!compose.owns(p.node) || p.hostPort === undefined) continue;
      if (p.hostIp !== undefined && p.hostIp !== "0.0.0.0" && p.hostIp !== "::" && p.hostIp !== "") continue;
      out.push({ svc, p, info, isData });
    }
  }
  return out;
}

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
    for (const { p, info, isData } of unboundPorts(compose, project, options.allServices === true)) {
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
  },
});
