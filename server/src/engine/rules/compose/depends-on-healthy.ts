import { isMap, isScalar, type Node, type Pair } from "yaml";
import { appendToMap, childIndent, dependsOn, type DependsOnEntry } from "../../analysis/compose";
import { serviceHasHealthcheck } from "../../analysis/composeFiles";
import type { ComposeFileModel, ServiceModel } from "../../model/compose";
import type { ComposeProject } from "../../model/composeProject";
import { composeRule } from "../../rule";
import type { TextEdit } from "../../text";
import type { Fix } from "../../types";

/** The condition Compose will use for `dep` of `service`: the last file that lists the dependency decides. */
function effectiveCondition(
  project: ComposeProject,
  service: string,
  dep: string,
): { entry: DependsOnEntry; def: ServiceModel } | undefined {
  let found: { entry: DependsOnEntry; def: ServiceModel } | undefined;
  for (const def of project.definitions(service)) {
    const e = dependsOn(def.file, def).find((x) => x.name === dep);
    if (e && (found === undefined || e.form === "map")) found = { entry: e, def };
  }
  return found;
}

function longFormEdit(file: ComposeFileModel, project: ComposeProject, svc: ServiceModel): TextEdit | undefined {
  const pair = file.pair(svc.node, "depends_on");
  if (!pair || !svc.node) return undefined;
  const entries = dependsOn(file, svc);
  if (entries.length === 0 || entries.some((e) => e.form !== "list")) return undefined;
  const keyRange = file.rangeOf(pair.key);
  const indent = " ".repeat(keyRange.start.character);
  const step = " ".repeat(Math.max(2, childIndent(file, svc.node, svc.key) - svc.keyRange.start.character));
  const eol = file.lines.eol;
  const lines = [`depends_on:`];
  for (const e of entries) {
    const cond = serviceHasHealthcheck(project, e.name) ? "service_healthy" : "service_started";
    lines.push(`${indent}${step}${e.name}:`, `${indent}${step}${step}condition: ${cond}`);
  }
  let end = file.rangeOf(pair).end;
  // a block sequence's range runs up to the next line; keep that line break
  if (end.character === 0 && end.line > keyRange.start.line)
    end = { line: end.line - 1, character: file.lines.lineText(end.line - 1).length };
  return { range: { start: keyRange.start, end }, newText: lines.join(eol) };
}

function conditionEdit(file: ComposeFileModel, entry: DependsOnEntry): TextEdit | undefined {
  const pair = entry.node as Pair;
  const value = file.resolve(pair.value);
  if (entry.conditionRange) return { range: entry.conditionRange, newText: "service_healthy" };
  const keyCol = file.rangeOf(pair.key).start.character;
  if (isMap(value) && !value.flow) {
    return appendToMap(file, value, [`${" ".repeat(childIndent(file, value, pair.key as Node))}condition: service_healthy`]);
  }
  if (value === undefined || value === null || (isScalar(value) && value.value === null)) {
    const keyEnd = (pair.key as Node).range?.[1] ?? 0;
    const colon = file.text.indexOf(":", keyEnd);
    if (colon < 0) return undefined;
    const at = file.lines.positionAt(colon + 1);
    return { range: { start: at, end: at }, newText: `${file.lines.eol}${" ".repeat(keyCol + 2)}condition: service_healthy` };
  }
  return undefined;
}

export const rule = composeRule({
  meta: {
    id: "compose/depends-on-healthy",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Wait for a dependency that has a healthcheck with `condition: service_healthy`.",
    rationale:
      "The short form `depends_on: [db]` (and `condition: service_started`) only waits until the dependency's container has started, not until it accepts connections, so the dependent service races the database on every start and crashes or retries. When the dependency has a healthcheck (in any of the project's files, or a HEALTHCHECK in the Dockerfile it builds), `condition: service_healthy` makes Compose wait for it. The fix rewrites the entry to the long form. " +
      "An explicit `condition: service_started` is left alone: it says the service copes with a dependency that is not ready yet. " +
      "An entry in a YAML anchor that several services merge is reported once, on the anchor, naming those services.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - db\n  db:\n    image: postgres:16.4-alpine\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16.4-alpine\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
      },
    ],
    equivalents: [],
    messages: {
      notHealthy: "`{{dep}}` has a healthcheck, but {{service}} only waits for it to start. Use `condition: service_healthy`.",
    },
    practice: "004 (service with health dependency), 004 Review mode",
  },
  check({ compose, project, report }) {
    // an entry inside a YAML anchor is shared by every service that merges it: report it once, naming them all
    const groups = new Map<unknown, { svc: ServiceModel; entry: DependsOnEntry; services: string[] }>();
    for (const svc of compose.services) {
      for (const entry of dependsOn(compose, svc)) {
        // `service_started` written out is a deliberate choice (a worker that retries, a one-way dependency)
        if (entry.condition !== undefined) continue;
        const eff = effectiveCondition(project, svc.name, entry.name);
        if (!eff || eff.def.file !== compose || eff.entry.node !== entry.node) continue;
        if (!project.hasService(entry.name) || !serviceHasHealthcheck(project, entry.name)) continue;
        const g = groups.get(entry.node);
        if (g) g.services.push(svc.name);
        else groups.set(entry.node, { svc, entry, services: [svc.name] });
      }
    }
    for (const { svc, entry, services } of groups.values()) {
      const edit = entry.form === "list" ? longFormEdit(compose, project, svc) : conditionEdit(compose, entry);
      const fixes: Fix[] = edit ? [{ title: "Wait until it is healthy (`condition: service_healthy`)", safe: false, edits: [edit] }] : [];
      report({
        messageId: "notHealthy",
        range: entry.nameRange,
        data: { dep: entry.name, service: services.map((n) => `\`${n}\``).join(", ") },
        fixes,
      });
    }
  },
});
