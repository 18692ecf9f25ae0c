import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { appendToMap, childIndent, commandText, dependsOn, environmentOf, serviceVolumes } from "../../analysis/compose";
import { builtStage } from "../../analysis/composeFiles";
import { dagsterGrpcPort } from "../../analysis/composeHealth";
import { composeImageInfo } from "../../knowledge/composeImages";
import { scalarText, type ComposeFileModel, type ServiceModel } from "../../model/compose";
import type { ComposeProject } from "../../model/composeProject";
import { basename, dirname, join, relative, resolvePath } from "../../paths";
import { composeRule } from "../../rule";
import { LineIndex, type Range } from "../../text";
import type { Fix } from "../../types";

type DagsterRole = "webserver" | "daemon" | "code" | "dev";

function roleOf(project: ComposeProject, name: string): DagsterRole | undefined {
  const text = ["entrypoint", "command"]
    .map((k) => {
      const v = project.value(name, k);
      return v ? (commandText(v.file, v.value) ?? "") : "";
    })
    .join(" ");
  if (/\bdagster\s+dev\b/.test(text)) return "dev";
  if (/\bdagster-webserver\b|\bdagit\b/.test(text)) return "webserver";
  if (/\bdagster-daemon\s+run\b/.test(text)) return "daemon";
  if (dagsterGrpcPort(project, name)) return "code";
  return undefined;
}

interface YamlFile {
  path: string;
  doc: Document.Parsed;
  lines: LineIndex;
}

function readYaml(project: ComposeProject, path: string): YamlFile | undefined {
  const text = project.fs.readFile(path);
  if (text === undefined || text.length > 1_000_000) return undefined;
  const doc = parseDocument(text, { strict: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  return { path, doc, lines: new LineIndex(text) };
}

/** Where a service gets a Dagster config file from: a bind mount of it, or the usual places next to the compose file. */
function locate(
  project: ComposeProject,
  names: string[],
  fileName: string,
): { path: string; mountTarget?: string; mountRange?: Range; file?: ComposeFileModel } | undefined {
  for (const name of names) {
    for (const def of project.definitions(name)) {
      for (const v of serviceVolumes(def.file, def)) {
        if (v.type !== "bind" || !v.source || basename(v.source) !== fileName) continue;
        return { path: resolvePath(dirname(def.file.path), v.source), mountTarget: v.target, mountRange: v.range, file: def.file };
      }
    }
  }
  for (const rel of [
    fileName,
    `dagster_home/${fileName}`,
    `dagster/${fileName}`,
    `config/dagster/${fileName}`,
    `deploy/dagster/${fileName}`,
  ]) {
    const p = join(project.dir, rel);
    if (project.fs.exists(p)) return { path: p };
  }
  return undefined;
}

interface GrpcLocation {
  host: string;
  port: string;
  hostNode: Node;
  portNode: Node | undefined;
}

function grpcLocations(ws: YamlFile): GrpcLocation[] {
  const out: GrpcLocation[] = [];
  const root = ws.doc.contents;
  if (!isMap(root)) return out;
  const loadFrom = root.get("load_from", true);
  if (!isSeq(loadFrom)) return out;
  for (const item of loadFrom.items) {
    if (!isMap(item)) continue;
    const g = item.get("grpc_server", true);
    if (!isMap(g)) continue;
    const hostNode = g.get("host", true);
    const portNode = g.get("port", true);
    const host = scalarText(hostNode);
    if (!host || !isScalar(hostNode)) continue;
    out.push({ host, port: scalarText(portNode) ?? "", hostNode, portNode: isScalar(portNode) ? portNode : undefined });
  }
  return out;
}

/** `storage: postgres` / `run_storage: … dagster_postgres` in dagster.yaml, and inline passwords in it. */
function storageOf(d: YamlFile): { postgres: boolean; sqliteOnly: boolean; inlinePassword: boolean } {
  const text = d.doc.toString();
  const postgres = /\bpostgres\b|dagster_postgres/.test(text);
  const configured = /^\s*(storage|run_storage|event_log_storage|schedule_storage)\s*:/m.test(text);
  const inlinePassword = /^\s*password\s*:\s*(?!\s*$)(?!\s*\{?\s*env\s*:)(?!\s*["']?\$)/m.test(text);
  return { postgres, sqliteOnly: !configured || (/sqlite/i.test(text) && !postgres), inlinePassword };
}

export const rule = composeRule({
  meta: {
    id: "compose/dagster-topology",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A Dagster deployment must wire webserver, daemon, code server, workspace and storage together correctly.",
    rationale:
      "Dagster runs as cooperating services: the webserver and the daemon load definitions over gRPC from a user-code server, and share `dagster.yaml` (run storage) and `workspace.yaml` (where the code server is). Each broken link fails quietly: a webserver that starts before the code server is healthy shows a load error, a `workspace.yaml` pointing at the wrong host or port never loads code, different `DAGSTER_HOME`s give the two services different instances, and SQLite storage is not shared between containers. Each link is checked on its own and reported where it breaks. (A missing healthcheck is `compose/healthcheck-missing`'s job, a non-healthy condition `compose/depends-on-healthy`'s, an inline password in the environment `compose/no-literal-secrets`'s.)",
    examples: [
      {
        fileName: "compose.yml",
        files: { "workspace.yaml": "load_from:\n  - grpc_server:\n      host: user-code\n      port: 4000\n" },
        bad: 'services:\n  user-code:\n    image: ghcr.io/acme/pipelines:1.2.0\n    command: ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "pipelines"]\n    healthcheck:\n      test: ["CMD", "dagster", "api", "grpc-health-check", "-p", "4000"]\n  webserver:\n    image: ghcr.io/acme/dagster:1.8.0\n    command: ["dagster-webserver", "-h", "0.0.0.0", "-p", "3000", "-w", "workspace.yaml"]\n',
        good: 'services:\n  user-code:\n    image: ghcr.io/acme/pipelines:1.2.0\n    command: ["dagster", "api", "grpc", "-h", "0.0.0.0", "-p", "4000", "-m", "pipelines"]\n    healthcheck:\n      test: ["CMD", "dagster", "api", "grpc-health-check", "-p", "4000"]\n  webserver:\n    image: ghcr.io/acme/dagster:1.8.0\n    command: ["dagster-webserver", "-h", "0.0.0.0", "-p", "3000", "-w", "workspace.yaml"]\n    depends_on:\n      user-code:\n        condition: service_healthy\n',
      },
    ],
    equivalents: [],
    messages: {
      missingCodeDependency:
        "`{{service}}` ({{role}}) does not wait for the code server `{{code}}`; add it to `depends_on` with `condition: service_healthy`.",
      codeHealthcheck: "The code server's healthcheck does not use `dagster api grpc-health-check`; it cannot tell whether gRPC serves.",
      workspaceHost:
        "workspace.yaml ({{where}}) points at host `{{host}}`, which is not a service of this project (code servers: {{codes}}).",
      workspacePort: "workspace.yaml ({{where}}) expects `{{host}}` on port {{expected}}, but the code server listens on {{port}}.",
      dagsterHome:
        "`DAGSTER_HOME` is `{{value}}` here but `{{other}}` in `{{otherService}}`; webserver and daemon must share one instance.",
      configMissing: "`{{service}}` does not get `{{file}}` (`{{other}}` mounts it); webserver and daemon must read the same one.",
      configNotInHome: "`{{file}}` is mounted at `{{target}}`, outside `DAGSTER_HOME` (`{{home}}`); Dagster will not read it.",
      sqliteStorage:
        "dagster.yaml ({{where}}) keeps runs in SQLite (the default), which webserver and daemon containers do not share; use Postgres storage.",
      missingPostgresDependency:
        "`{{service}}` ({{role}}) uses Postgres run storage but does not wait for `{{postgres}}` with `condition: service_healthy`.",
      inlinePassword:
        "dagster.yaml ({{where}}) contains a literal database password; read it from an environment variable (`password: {env: DAGSTER_PG_PASSWORD}`).",
    },
    reads: ["workspace.yaml", "dagster.yaml"],
    practice: "004 Dagster Multi-Container Pattern; 000 (DAGSTER_HOME, DAGSTER_PG_PASSWORD never in compose)",
  },
  check({ compose, project, report }) {
    const roles = new Map<string, DagsterRole>();
    for (const name of project.serviceNames()) {
      const r = roleOf(project, name);
      if (r) roles.set(name, r);
    }
    const byRole = (r: DagsterRole) => [...roles].filter(([, x]) => x === r).map(([n]) => n);
    const consumers = [...byRole("webserver"), ...byRole("daemon")];
    const codes = byRole("code");
    if (consumers.length === 0) return;
    const here = (name: string): ServiceModel | undefined => {
      const defs = project.definitions(name);
      const def = defs.find((d) => d.file === compose);
      return def && defs[0]?.file === compose
        ? def
        : def && !defs.some((d) => d.file !== compose && project.role(d.file) === "base")
          ? def
          : undefined;
    };
    const dependsOnAny = (name: string, dep: string) =>
      project.definitions(name).some((d) => dependsOn(d.file, d).some((e) => e.name === dep));

    // 1. webserver and daemon wait for the code server(s)
    for (const c of consumers) {
      const svc = here(c);
      if (!svc) continue;
      for (const code of codes) {
        if (dependsOnAny(c, code)) continue;
        report({
          messageId: "missingCodeDependency",
          range: svc.keyRange,
          data: { service: c, role: roles.get(c) as string, code },
          fixes: addDependencyFix(compose, svc, code),
        });
      }
    }
    // 2. the code server's healthcheck probes gRPC
    for (const code of codes) {
      const svc = here(code);
      const hc = project.healthcheck(code);
      if (!svc || !hc || hc.file !== compose || !isMap(hc.value)) continue;
      const test = commandText(compose, compose.get(hc.value, "test")) ?? "";
      if (!/grpc-health-check/.test(test))
        report({ messageId: "codeHealthcheck", range: compose.rangeOf(compose.get(hc.value, "test") ?? hc.pair.key) });
    }
    // 3. one DAGSTER_HOME, and the config files mounted inside it
    const homes = new Map<string, { value: string; range: Range; file: ComposeFileModel }>();
    for (const c of consumers) {
      for (const def of project.definitions(c)) {
        for (const e of environmentOf(def.file, def.file.get(def.node, "environment"))) {
          if (e.name === "DAGSTER_HOME" && e.value !== undefined && e.valueRange)
            homes.set(c, { value: e.value.replace(/\/+$/, ""), range: e.valueRange, file: def.file });
        }
      }
    }
    const homeList = [...homes];
    const [firstName, first] = homeList[0] ?? [];
    for (const [, h] of homeList.slice(1)) {
      if (first && h.value !== first.value && h.file === compose && !h.value.includes("$")) {
        report({
          messageId: "dagsterHome",
          range: h.range,
          data: { value: h.value, other: first.value, otherService: firstName as string },
        });
      }
    }
    const wsLoc = locate(project, consumers, "workspace.yaml");
    const dyLoc = locate(project, consumers, "dagster.yaml");
    for (const loc of [wsLoc, dyLoc]) {
      if (!loc?.mountTarget || !loc.mountRange || loc.file !== compose) continue;
      for (const [, h] of homes) {
        if (h.value.includes("$")) continue;
        if (dirname(loc.mountTarget) !== h.value && basename(loc.path) === "dagster.yaml") {
          report({
            messageId: "configNotInHome",
            range: loc.mountRange,
            data: { file: basename(loc.path), target: loc.mountTarget, home: h.value },
          });
          break;
        }
      }
    }
    // both webserver and daemon need both files: a mount in one and not the other is a broken link
    for (const fileName of ["dagster.yaml", "workspace.yaml"]) {
      const mounted = consumers.filter((c) => mountsFile(project, c, fileName));
      if (mounted.length === 0) continue;
      for (const c of consumers) {
        if (mounted.includes(c) || builtWith(project, c, fileName)) continue;
        const svc = here(c);
        if (svc)
          report({ messageId: "configMissing", range: svc.keyRange, data: { service: c, file: fileName, other: mounted[0] as string } });
      }
    }
    // 4. workspace.yaml points at the code server
    const ws = wsLoc ? readYaml(project, wsLoc.path) : undefined;
    if (ws) {
      const where = relative(project.dir, ws.path);
      const aliases = new Map<string, string>();
      for (const code of codes) {
        aliases.set(code, code);
        for (const k of ["hostname", "container_name"]) {
          const v = project.scalar(code, k);
          if (v) aliases.set(v, code);
        }
      }
      for (const loc of grpcLocations(ws)) {
        const code = aliases.get(loc.host);
        if (!code) {
          if (codes.length === 0 && project.hasService(loc.host)) continue;
          if (project.hasService(loc.host) || loc.host.includes("$")) continue;
          const anchor = wsLoc?.file === compose && wsLoc.mountRange ? wsLoc.mountRange : undefined;
          const consumer = consumers.map(here).find((s) => s !== undefined);
          const range = anchor ?? consumer?.keyRange;
          if (range)
            report({
              messageId: "workspaceHost",
              range,
              data: { where: lineOf(ws, loc.hostNode, where), host: loc.host, codes: codes.join(", ") || "none" },
            });
          continue;
        }
        const port = dagsterGrpcPort(project, code);
        if (!port || !loc.port || loc.port === port || loc.port.includes("$")) continue;
        const codeSvc = here(code);
        if (!codeSvc) continue;
        const fixes: Fix[] = [];
        if (loc.portNode?.range) {
          const r = ws.lines.rangeOf(loc.portNode.range[0], loc.portNode.range[1]);
          fixes.push({
            title: `Set the port in ${where} to ${port}`,
            safe: false,
            edits: [],
            changes: [{ path: ws.path, edits: [{ range: r, newText: port }] }],
          });
        }
        report({
          messageId: "workspacePort",
          range: codeSvc.keyRange,
          data: { where: lineOf(ws, loc.portNode ?? loc.hostNode, where), host: loc.host, expected: loc.port, port },
          fixes,
        });
      }
    }
    // 5. storage: Postgres, healthy before webserver and daemon, no inline password
    const dy = dyLoc ? readYaml(project, dyLoc.path) : undefined;
    if (dy) {
      const where = relative(project.dir, dy.path);
      const storage = storageOf(dy);
      const consumerHere = consumers.map(here).find((s) => s !== undefined);
      if (storage.sqliteOnly && consumers.length > 1 && consumerHere) {
        report({
          messageId: "sqliteStorage",
          range: dyLoc?.file === compose && dyLoc.mountRange ? dyLoc.mountRange : consumerHere.keyRange,
          data: { where },
        });
      }
      if (storage.inlinePassword && consumerHere) {
        report({
          messageId: "inlinePassword",
          range: dyLoc?.file === compose && dyLoc.mountRange ? dyLoc.mountRange : consumerHere.keyRange,
          data: { where },
        });
      }
      if (storage.postgres) {
        const pg = project.serviceNames().find((n) => composeImageInfo(project.image(n))?.label === "PostgreSQL");
        if (pg) {
          for (const c of consumers) {
            const svc = here(c);
            if (!svc || dependsOnAny(c, pg)) continue;
            report({
              messageId: "missingPostgresDependency",
              range: svc.keyRange,
              data: { service: c, role: roles.get(c) as string, postgres: pg },
              fixes: addDependencyFix(compose, svc, pg),
            });
          }
        }
      }
    }
  },
});

function mountsFile(project: ComposeProject, name: string, fileName: string): boolean {
  return project
    .definitions(name)
    .some((d) =>
      serviceVolumes(d.file, d).some(
        (v) => v.type === "bind" && (basename(v.source ?? "") === fileName || !/\.ya?ml$/.test(v.source ?? "")),
      ),
    );
}

/** The image is built from a Dockerfile that mentions the file (COPY dagster.yaml …). */
function builtWith(project: ComposeProject, name: string, fileName: string): boolean {
  const built = builtStage(project, name);
  return !!built && built.model.text.includes(fileName);
}

function lineOf(f: YamlFile, node: Node, where: string): string {
  const r = node.range;
  return r ? `${where}:${f.lines.positionAt(r[0]).line + 1}` : where;
}

/** Adds `dep: {condition: service_healthy}` to a long-form `depends_on`, or a new `depends_on` block. */
function addDependencyFix(file: ComposeFileModel, svc: ServiceModel, dep: string): Fix[] {
  if (!svc.node || svc.node.flow) return [];
  const indent = childIndent(file, svc.node, svc.key);
  const step = Math.max(2, indent - svc.keyRange.start.character);
  const pair = file.pair(svc.node, "depends_on");
  const value = pair ? file.resolve(pair.value) : undefined;
  let edit;
  if (!pair) {
    const pad = " ".repeat(indent);
    const s = " ".repeat(step);
    edit = appendToMap(file, svc.node, [`${pad}depends_on:`, `${pad}${s}${dep}:`, `${pad}${s}${s}condition: service_healthy`]);
  } else if (isMap(value) && !value.flow && file.owns(pair.key) && value.items[0]) {
    const col = file.rangeOf(value.items[0].key).start.character;
    edit = appendToMap(file, value, [`${" ".repeat(col)}${dep}:`, `${" ".repeat(col + step)}condition: service_healthy`]);
  }
  return edit ? [{ title: `Wait for \`${dep}\` to be healthy`, safe: false, edits: [edit] }] : [];
}
