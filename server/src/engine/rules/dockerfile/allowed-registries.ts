import { runSteps } from "../../analysis/instructions";
import { parseImageRef } from "../../model/imageRef";
import type { DockerfileModel } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";
import type { Range } from "../../text";

/** `*` allows all; `*.example.com` matches by suffix, `registry.example.*` by prefix; anything else exactly. */
function matches(pattern: string, registry: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*")) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith("*")) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}

const DOCKER_HUB = ["docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io"];

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/allowed-registries",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pull base images (FROM, `COPY --from`, `RUN --mount=from=`) only from the registries your organisation allows.",
    rationale:
      "Many teams only trust images from their own mirror or a vetted registry: images from elsewhere skip the scanning, signing and licence checks those registries enforce. " +
      'List the allowed registries in the `allowedRegistries` option (e.g. `["registry.example.com", "*.dkr.ecr.eu-west-1.amazonaws.com", "docker.io"]`; `docker.io` covers images without a registry). ' +
      "With the list empty (the default) the rule does nothing. Earlier stages, `scratch` and references held in unresolved variables are not judged.",
    examples: [
      {
        title: 'With allowedRegistries: ["registry.example.com"]',
        bad: "FROM quay.io/example/python:3.13-slim\n",
        good: "FROM registry.example.com/python:3.13-slim\n",
        options: { allowedRegistries: ["registry.example.com"] },
      },
    ],
    equivalents: ["hadolint:DL3026"],
    messages: { notAllowed: "{{image}} comes from {{registry}}, which is not an allowed registry ({{allowed}})." },
    options: {
      allowedRegistries: {
        description: "Registries images may come from; `*` wildcards at the start or end; `docker.io` for Docker Hub. Empty: no check.",
        type: "string[]",
        default: [],
      },
    },
    practice: "hadolint",
  },
  check({ dockerfile, options, report }) {
    const allowed = Array.isArray(options.allowedRegistries)
      ? options.allowedRegistries.filter((r): r is string => typeof r === "string")
      : [];
    if (allowed.length === 0) return;
    const check = (reference: string, range: Range | null, stagesBefore: number): void => {
      if (!range || isStage(dockerfile, reference, stagesBefore)) return;
      const ref = parseImageRef(reference);
      if (ref.isScratch || ref.hasVariables || ref.raw === "") return;
      const candidates = ref.registry === undefined ? DOCKER_HUB : [ref.registry];
      if (candidates.some((r) => allowed.some((p) => matches(p, r)))) return;
      report({
        messageId: "notAllowed",
        range,
        data: { image: ref.raw, registry: ref.registry ?? "docker.io", allowed: allowed.join(", ") },
      });
    };
    for (const stage of dockerfile.stages) {
      if (stage.parent) continue;
      check(stage.image.raw, stage.imageRange, stage.index);
    }
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY") continue;
      const flag = dockerfile.flag(ins, "from");
      const value = flag?.getValue();
      if (flag && value) check(value.replace(/^["']|["']$/g, ""), flag.getValueRange(), (ins.stage?.index ?? -1) + 1);
    }
    for (const step of runSteps(dockerfile)) {
      for (const m of step.mounts) {
        if (m.from !== undefined) check(m.from, m.range, (step.ins.stage?.index ?? -1) + 1);
      }
    }
  },
});

/** A stage name or number defined before (stage index < count). */
function isStage(dockerfile: DockerfileModel, reference: string, count: number): boolean {
  if (/^\d+$/.test(reference)) return true;
  const lower = reference.toLowerCase();
  return dockerfile.stages.slice(0, count).some((s) => s.name?.toLowerCase() === lower);
}
