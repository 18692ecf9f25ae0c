import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/unique-stage-names",
    category: "reliability",
    defaultSeverity: "error",
    failure: "the build stops: two stages with the same name are rejected.",
    fixable: false,
    summary: "Give every build stage a unique name (`FROM … AS <name>`).",
    rationale:
      "Stage names are how `COPY --from`, `FROM <stage>` and `docker build --target` find a stage. Two stages with the same name (compared without case, as Docker does) make those references ambiguous, and BuildKit refuses the Dockerfile. " +
      "Rename one of them; which one depends on what the references mean, so there is no automatic fix.",
    examples: [
      {
        bad: "FROM python:3.13 AS build\nRUN pip wheel -w /wheels .\nFROM python:3.13-slim AS build\nCOPY --from=build /wheels /wheels\n",
        good: "FROM python:3.13 AS build\nRUN pip wheel -w /wheels .\nFROM python:3.13-slim AS runtime\nCOPY --from=build /wheels /wheels\n",
      },
    ],
    equivalents: ["hadolint:DL3024", "buildkit:DuplicateStageName", "checkov:CKV_DOCKER_11", "trivy:DS-0012"],
    messages: { duplicate: "Stage name {{name}} is already used on line {{line}}; stage names must be unique." },
    practice: "hadolint; Docker build checks",
  },
  check({ dockerfile, report }) {
    const seen = new Map<string, number>();
    for (const stage of dockerfile.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) report({ messageId: "duplicate", range: stage.nameRange, data: { name: stage.name, line: first + 1 } });
      else seen.set(key, stage.from.range.start.line);
    }
  },
});
