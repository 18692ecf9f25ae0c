import { copyArgs } from "../../analysis/copyArgs";
import { contextIgnoreFile } from "../../analysis/buildContext";
import { globMatches } from "../../model/dockerignore";
import { dirname, normalize } from "../../paths";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-ignored-file",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not COPY or ADD files that `.dockerignore` excludes from the build context.",
    rationale:
      'Files matched by `.dockerignore` are never sent to the builder, so a COPY or ADD that names one fails with "not found", or, with a wildcard, silently copies less than intended. Either stop ignoring the file or stop copying it. The build context is taken to be the Dockerfile\'s folder, and `<Dockerfile>.dockerignore` beside it wins over `.dockerignore`, as BuildKit does. As in BuildKit, files are not judged when the ignore file has `!` exceptions, since those cannot be resolved without the real file tree.',
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY .env /app/.env\n",
        good: "FROM python:3.13-slim\nCOPY app.py /app/app.py\n",
        files: { ".dockerignore": ".env\n.git\n" },
      },
    ],
    equivalents: ["buildkit:CopyIgnoredFile"],
    messages: { ignored: "{{command}} of `{{file}}`, which .dockerignore excludes from the build context." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, fs, path }) {
    const ignore = contextIgnoreFile(fs, path, dirname(path));
    if (!ignore || ignore.patterns.length === 0 || ignore.patterns.some((p) => p.negated)) return;
    const ignoresEverything = ignore.patterns.some((p) => ["*", "**", "**/*"].includes(p.pattern));
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      if (dockerfile.flag(ins, "from")) continue;
      for (const a of copyArgs(dockerfile, ins)?.sources ?? []) {
        const raw = a.value.replace(/^["']|["']$/g, "");
        if (raw === "" || raw.includes("$") || /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || raw.startsWith("git@")) continue;
        const src = normalize(raw).replace(/^\/+/, "");
        const isRoot = src === "." || src === "";
        if (isRoot ? !ignoresEverything : !ignore.patterns.some((p) => globMatches(p.pattern, src))) continue;
        report({
          messageId: "ignored",
          range: a.range,
          data: { command: ins.keyword === "ADD" ? "ADD" : "COPY", file: isRoot ? "." : src },
        });
      }
    }
  },
});
