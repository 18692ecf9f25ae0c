import { portNumbers, servicePorts, type PortMapping } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { ComposeFileModel } from "../../model/compose";

export const rule = composeRule({
  meta: {
    id: "compose/duplicate-host-port",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the second container cannot bind the host port that the first one holds, so it fails to start.",
    fixable: false,
    summary: "A host port may be published only once.",
    rationale:
      'Two services (or two entries of one service) publishing the same host port on the same address cannot both start: the second fails with "port is already allocated". Checked across the base file, its default override and the file itself. An alternative file (`compose.prod.yml`, `docker-compose-mysql.yml`) is checked on its own: it may be run alone or on top of the base, and nothing in the files says which, so a clash with the base would be a guess.',
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports:\n      - "8000:8000"\n  admin:\n    image: ghcr.io/acme/admin:1.0.3\n    ports:\n      - "8000:80"\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports:\n      - "8000:8000"\n  admin:\n    image: ghcr.io/acme/admin:1.0.3\n    ports:\n      - "8001:80"\n',
      },
    ],
    equivalents: ["dclint:no-duplicate-exported-ports"],
    messages: { duplicate: "Host port {{port}} is already published by service `{{other}}`." },
    practice: "Compose file reference (ports)",
  },
  check({ compose, project, report }) {
    // an alternative file may run alone (`-f compose.mysql.yml`) or on top of the base (`-f compose.yml -f
    // compose.prod.yml`); nothing in the files says which, so it is only checked against itself
    const files =
      project.role(compose) === "variant"
        ? [compose]
        : project.files.filter((f) => f === compose || ["base", "override"].includes(project.role(f)));
    interface Use {
      service: string;
      file: ComposeFileModel;
      port: PortMapping;
    }
    const byKey = new Map<string, Use[]>();
    const keysOf = (p: PortMapping) => {
      const ip = p.hostIp === undefined || p.hostIp === "" || p.hostIp === "::" ? "0.0.0.0" : p.hostIp;
      return portNumbers(p.hostPort).map((n) => `${ip}|${n}|${p.protocol}`);
    };
    for (const f of files) {
      for (const svc of f.services) {
        for (const p of servicePorts(f, svc)) {
          for (const k of keysOf(p)) byKey.set(k, [...(byKey.get(k) ?? []), { service: svc.name, file: f, port: p }]);
        }
      }
    }
    const reported = new Set<PortMapping>();
    for (const [key, uses] of byKey) {
      // overlap on 0.0.0.0 also conflicts with any specific address
      const [ip, port, proto] = key.split("|");
      const all = ip === "0.0.0.0" ? uses : [...uses, ...(byKey.get(`0.0.0.0|${port}|${proto}`) ?? [])];
      if (all.length < 2) continue;
      for (let i = 1; i < all.length; i++) {
        const u = all[i] as Use;
        const first = all[0] as Use;
        if (u.file !== compose || reported.has(u.port) || u.port === first.port) continue;
        // the same service in two files: an override adding the same mapping again is still a conflict, but a
        // re-declaration with identical text is how people "keep" a port in an override; skip that one
        if (u.service === first.service && u.file !== first.file) continue;
        reported.add(u.port);
        report({ messageId: "duplicate", range: u.port.range, data: { port: String(port), other: first.service } });
      }
    }
  },
});
