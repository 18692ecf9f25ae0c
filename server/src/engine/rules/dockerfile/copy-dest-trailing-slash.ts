import { imageStateAt } from "../../analysis/dockerfileFacts";
import { copyOperands } from "../../analysis/instructions";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-dest-trailing-slash",
    category: "reliability",
    defaultSeverity: "error",
    failure:
      "the build stops: with several sources BuildKit requires a destination ending in `/` (the image model expands variables and stays quiet when it cannot be sure).",
    fixable: true,
    fixKinds: ["safe"],
    summary: "When COPY (or ADD) has several sources, end the destination with `/`.",
    rationale:
      "With more than one source the destination must be a directory, and Docker only accepts that when it is written with a trailing slash; otherwise the build fails. " +
      "Writing `/app/` also tells the reader the files land inside the folder. The fix appends the slash. " +
      "A destination written as a variable (`$APP_HOME`) is expanded by the image model: it is fine when the value ends in `/`, and not reported when the value is unknown or comes from a build argument that may change it.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock /app\n",
        good: "FROM python:3.13-slim\nCOPY pyproject.toml uv.lock /app/\n",
      },
    ],
    equivalents: ["hadolint:DL3021", "trivy:DS-0011"],
    messages: { slash: "{{keyword}} with more than one source needs a destination ending with `/`." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      const ops = copyOperands(ins, dockerfile);
      if (!ops || ops.hasHeredoc || ops.sources.length < 2) continue;
      if (ops.dest.value.endsWith("/") || ops.dest.value.endsWith("\\")) continue;
      if (ops.dest.value.includes("$")) {
        // `COPY a b $APP_HOME` is fine when the variable ends in `/`; report only a value the model knows for certain
        const expanded = ins.stage ? imageStateAt(dockerfile, ins.stage, ins).expand(ops.dest.value) : undefined;
        if (!expanded || !expanded.certain || expanded.value.endsWith("/")) continue;
      }
      const end = ops.dest.range.end;
      const written = dockerfile.text.slice(dockerfile.lines.offsetAt(ops.dest.range.start), dockerfile.lines.offsetAt(end));
      const quoted = /["']$/.test(written);
      // before a closing quote, else at the end
      const at = quoted ? { line: end.line, character: end.character - 1 } : end;
      report({
        messageId: "slash",
        range: ops.dest.range,
        data: { keyword: ins.keyword },
        fixes: [{ title: "Add a trailing /", safe: true, edits: [{ range: { start: at, end: at }, newText: "/" }] }],
      });
    }
  },
});
