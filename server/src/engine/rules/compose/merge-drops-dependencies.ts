import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import { appendToMap, dependsOn } from "../../analysis/compose";
import { isMergeKey, scalarText, type ComposeFileModel } from "../../model/compose";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

/** `depends_on` entries (name -> condition) of the maps a service merges with `<<`. */
function mergedDependencies(file: ComposeFileModel, map: YAMLMap): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const src of file.mergeSources(map)) {
    const deps = file.get(src, "depends_on");
    if (isSeq(deps)) for (const d of file.items(deps)) if (scalarText(d)) out.set(scalarText(d) as string, undefined);
    if (isMap(deps)) {
      for (const p of deps.items) {
        const name = scalarText(p.key);
        const val = file.resolve(p.value);
        if (name) out.set(name, isMap(val) ? file.scalar(val, "condition") : undefined);
      }
    }
  }
  return out;
}

/** Services visited when following dependencies (bounded against huge or cyclic files). */
const MAX_VISITED = 1_000;

/**
 * Every service `deps` lead to in this file, directly or through the services they depend on, with the conditions
 * of the edges that reach it (`service_started` when none is written).
 */
function reachable(file: ComposeFileModel, deps: readonly { name: string; condition?: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const queue = [...deps];
  const expanded = new Set<string>();
  while (queue.length > 0 && expanded.size < MAX_VISITED) {
    const d = queue.shift() as { name: string; condition?: string };
    const conditions = out.get(d.name) ?? new Set<string>();
    conditions.add(d.condition ?? "service_started");
    out.set(d.name, conditions);
    if (expanded.has(d.name)) continue;
    expanded.add(d.name);
    const svc = file.service(d.name);
    if (svc) queue.push(...dependsOn(file, svc));
  }
  return out;
}

export const rule = composeRule({
  meta: {
    id: "compose/merge-drops-dependencies",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "A service's own `depends_on` must not silently drop the dependencies it merges from an `x-` anchor.",
    rationale:
      "YAML merge keys (`<<: *common`) are shallow: when a service writes its own `depends_on`, the whole `depends_on` of the anchor is replaced, not extended. A shared anchor that waits for Postgres (`condition: service_healthy`) then stops doing so for exactly the services that add a dependency of their own, and they race the database on start. Repeat the anchor's entries in the service's `depends_on`. " +
      "A dependency the service still waits for through its own ones (it waits for `app`, which waits for Postgres with the same condition) is not dropped and is not reported.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "x-common: &common\n  image: ghcr.io/acme/app:1.0.0\n  depends_on:\n    db:\n      condition: service_healthy\nservices:\n  db:\n    image: postgres:16.4\n  web:\n    <<: *common\n    depends_on:\n      worker:\n        condition: service_started\n  worker:\n    image: ghcr.io/acme/worker:1.0\n",
        good: "x-common: &common\n  image: ghcr.io/acme/app:1.0.0\n  depends_on:\n    db:\n      condition: service_healthy\nservices:\n  db:\n    image: postgres:16.4\n  web:\n    <<: *common\n    depends_on:\n      worker:\n        condition: service_started\n      db:\n        condition: service_healthy\n  worker:\n    image: ghcr.io/acme/worker:1.0\n",
      },
    ],
    equivalents: [],
    messages: {
      dropped: "This `depends_on` replaces the one merged from the anchor, so `{{service}}` no longer waits for {{names}}.",
    },
    practice: "004 YAML anchors for shared config, Dagster multi-container pattern",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      if (!svc.node) continue;
      const own = svc.node.items.find((p) => !isMergeKey(p.key) && scalarText(p.key) === "depends_on");
      if (!own) continue;
      const inherited = mergedDependencies(compose, svc.node);
      if (inherited.size === 0) continue;
      const value = compose.resolve(own.value);
      const ownNames = new Set<string>();
      if (isSeq(value)) for (const d of compose.items(value)) if (scalarText(d)) ownNames.add(scalarText(d) as string);
      if (isMap(value)) for (const p of value.items) if (scalarText(p.key)) ownNames.add(scalarText(p.key) as string);
      // still waited for through the service's own dependencies, with the same condition: nothing is lost
      const through = reachable(compose, dependsOn(compose, svc));
      const missing = [...inherited].filter(
        ([n, cond]) => !ownNames.has(n) && n !== svc.name && !through.get(n)?.has(cond ?? "service_started"),
      );
      if (missing.length === 0) continue;
      const fixes: Fix[] = [];
      if (isMap(value) && !value.flow && value.items[0] && compose.owns(value.items[0].key as Node) && !isScalar(value)) {
        const col = compose.rangeOf(value.items[0].key).start.character;
        const step = Math.max(2, col - compose.rangeOf(own.key).start.character);
        const lines = missing.flatMap(([n, cond]) => [
          `${" ".repeat(col)}${n}:`,
          `${" ".repeat(col + step)}condition: ${cond ?? "service_started"}`,
        ]);
        const edit = appendToMap(compose, value, lines);
        if (edit) fixes.push({ title: "Repeat the anchor's dependencies", safe: false, edits: [edit] });
      }
      report({
        messageId: "dropped",
        range: compose.rangeOf(own.key),
        data: { service: svc.name, names: missing.map(([n]) => `\`${n}\``).join(", ") },
        fixes,
      });
    }
  },
});
