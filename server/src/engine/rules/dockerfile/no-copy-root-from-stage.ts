import { copyArgs } from "../../analysis/copyArgs";
import { dockerfileRule } from "../../rule";

const isRoot = (p: string) => p.replace(/^["']|["']$/g, "") === "/";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-copy-root-from-stage",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not copy a whole filesystem from another stage (`COPY --from=build / /`).",
    rationale:
      "Copying `/` from another stage brings its entire operating system, package caches and build tools into this one, undoing the point of a multi-stage build and possibly overwriting this stage's own system files. Copy only the directories the runtime needs (the virtualenv, the built binary, the static files).",
    examples: [
      {
        bad: "FROM python:3.13 AS build\nRUN pip install --prefix=/install app==1.0\nFROM python:3.13-slim\nCOPY --from=build / /\n",
        good: "FROM python:3.13 AS build\nRUN pip install --prefix=/install app==1.0\nFROM python:3.13-slim\nCOPY --from=build /install /usr/local\n",
      },
    ],
    equivalents: ["hadolint:DL3067"],
    messages: { wholeFilesystem: "This copies the whole filesystem of `{{from}}`; copy only what the image needs." },
    practice: "hadolint DL3067",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY") continue;
      const from = dockerfile.flag(ins, "from")?.getValue();
      if (!from) continue;
      const parsed = copyArgs(dockerfile, ins);
      if (!parsed || !isRoot(parsed.dest.value) || !parsed.sources.some((s) => isRoot(s.value))) continue;
      report({ messageId: "wholeFilesystem", range: ins.range, data: { from } });
    }
  },
});
