import { isMap } from "yaml";
import { buildInfo, readDockerfile } from "../../analysis/composeFiles";
import { composeRule } from "../../rule";
import { relative } from "../../paths";

export const rule = composeRule({
  meta: {
    id: "compose/build-context",
    category: "reliability",
    defaultSeverity: "error",
    failure: "`docker compose build` stops: the build context or Dockerfile does not exist, or the target stage is not in it.",
    fixable: false,
    summary: "`build.context` and `build.dockerfile` must exist, and `build.target` must name a stage of that Dockerfile.",
    rationale:
      "A build context or Dockerfile path that does not exist (often after files were moved into `docker/` or `deploy/`) fails `docker compose build` with a terse message, and a `target` that names no stage fails only after the context was sent. Paths are resolved the way Compose resolves them: the context against the compose file's folder, the Dockerfile against the context.",
    examples: [
      {
        fileName: "compose.yml",
        files: { Dockerfile: "FROM python:3.13-slim AS runtime\n" },
        bad: "services:\n  api:\n    build:\n      context: .\n      target: prod\n",
        good: "services:\n  api:\n    build:\n      context: .\n      target: runtime\n",
      },
    ],
    equivalents: [],
    messages: {
      noContext: "The build context `{{path}}` does not exist.",
      noDockerfile: "The Dockerfile `{{path}}` does not exist.",
      noTarget: "The Dockerfile has no stage named `{{target}}` (stages: {{stages}}).",
    },
    practice: "000 (build context is the project root), Compose build reference",
  },
  check({ compose, project, report }) {
    for (const svc of compose.services) {
      const pair = compose.pair(svc.node, "build");
      if (!pair) continue;
      const b = buildInfo(project, svc.name);
      if (!b || b.file !== compose || !b.contextDir) continue;
      const rel = (p: string) => relative(project.dir, p) || ".";
      if (!project.fs.isDirectory(b.contextDir)) {
        report({ messageId: "noContext", range: b.contextRange, data: { path: rel(b.contextDir) } });
        continue;
      }
      if (b.inline || !b.dockerfilePath) continue;
      const model = readDockerfile(project, b.dockerfilePath);
      if (!model) {
        const v = compose.resolve(pair.value);
        report({
          messageId: "noDockerfile",
          range: b.dockerfileRange ?? (isMap(v) ? compose.rangeOf(pair.key) : compose.rangeOf(v)),
          data: { path: rel(b.dockerfilePath) },
        });
        continue;
      }
      if (b.target && b.targetRange && !b.target.includes("$") && !model.stageByName(b.target)) {
        const stages = model.stages.map((s) => s.name).filter((n): n is string => !!n);
        report({
          messageId: "noTarget",
          range: b.targetRange,
          data: { target: b.target, stages: stages.length ? stages.map((s) => `\`${s}\``).join(", ") : "none named" },
        });
      }
    }
  },
});
