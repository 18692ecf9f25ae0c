import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-from-existing-stage",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "`COPY --from=<name>` should name a stage defined above it (or a tagged image).",
    rationale:
      "When `--from` names no earlier stage, Docker takes it for an image and tries to pull it from a registry: a typo in a stage name turns into a pull of a stranger's image, or a confusing failure. " +
      "A stage defined further down the file cannot be used either: stages can only copy from stages above them. " +
      "A stage number must be lower than the number of stages so far. References that are clearly images (with a registry, tag or digest, like `ghcr.io/astral-sh/uv:0.5`) are left to the image-pinning rules.",
    examples: [
      {
        bad: "FROM node:22 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=biuld /app/dist /usr/share/nginx/html\n",
        good: "FROM node:22 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
      },
    ],
    equivalents: ["hadolint:DL3022"],
    messages: {
      undefinedStage: "`--from={{name}}` names no stage defined above; Docker will try to pull an image called {{name}}.",
      laterStage: "Stage {{name}} is defined after this COPY; a stage can only copy from stages above it.",
      badIndex: "`--from={{name}}`: there are only {{count}} stage(s) up to here (numbered from 0).",
    },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    // first index of each stage name (Docker compares names without case)
    const firstIndex = new Map<string, number>();
    for (const s of dockerfile.stages) if (s.name && !firstIndex.has(s.name.toLowerCase())) firstIndex.set(s.name.toLowerCase(), s.index);
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY") continue;
      const flag = dockerfile.flag(ins, "from");
      const name = flag?.getValue()?.replace(/^["']|["']$/g, "");
      if (!flag || !name) continue;
      // images: registry/path, tag, digest; and names we cannot resolve here
      if (/[:/@$]/.test(name)) continue;
      const range = flag.getValueRange() ?? flag.getRange();
      const index = ins.stage?.index ?? -1;
      const count = index + 1; // stages up to and including this one
      if (/^\d+$/.test(name)) {
        if (Number(name) >= count) report({ messageId: "badIndex", range, data: { name, count } });
        continue;
      }
      const first = firstIndex.get(name.toLowerCase());
      if (first !== undefined && first <= index) continue;
      report({ messageId: first !== undefined ? "laterStage" : "undefinedStage", range, data: { name } });
    }
  },
});
