import { copiesWholeContext } from "../../analysis/dockerfileFacts";
import { recommendedDockerignore } from "../../knowledge/dockerignore";
import { dirname, join } from "../../paths";
import { dockerfileRule } from "../../rule";
import type { WorkspaceFs } from "../../types";

/** The ignore file that applies to a Dockerfile, looking where the build context probably is. */
export function findDockerignore(fs: WorkspaceFs, dockerfilePath: string): string | undefined {
  const dir = dirname(dockerfilePath);
  // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile first
  const own = `${dockerfilePath}.dockerignore`;
  if (fs.exists(own)) return own;
  // the context is the Dockerfile's folder or, for `deploy/docker/app.Dockerfile`, one of its parents
  let d = dir;
  for (let i = 0; i < 6; i++) {
    const candidate = join(d, ".dockerignore");
    if (fs.exists(candidate)) return candidate;
    if (fs.exists(join(d, ".git")) || d === "/" || dirname(d) === d) break;
    d = dirname(d);
  }
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/dockerignore-present",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "`COPY . .` needs a `.dockerignore`, or secrets, `.git` and local virtualenvs go into the image.",
    rationale:
      "Without a `.dockerignore`, the whole folder is sent to the builder and `COPY . .` writes all of it into a layer: `.env` files with real credentials, the `.git` history, a host `.venv` that cannot run in the container, caches. " +
      "Anyone who can pull the image can read them, and every unrelated file change invalidates the cache. A `.dockerignore` next to the build context keeps them out.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nCOPY src/ src/\n",
      },
    ],
    equivalents: [],
    messages: {
      missing: "`{{copy}}` copies the whole build context, but there is no `.dockerignore`: secrets and `.git` go into the image.",
    },
    reads: ["package.json", "pyproject.toml", "requirements*.txt"],
    practice:
      "003 (Generate .dockerignore; Review: .dockerignore excludes sensitive files), 002 (Build optimization: .dockerignore), 001 (create .dockerignore)",
  },
  check({ dockerfile, fs, path, report }) {
    const ins = dockerfile.instructions.find((i) => copiesWholeContext(i));
    if (!ins) return;
    if (findDockerignore(fs, path)) return;
    const dir = dirname(path);
    const node = fs.exists(join(dir, "package.json"));
    const python = !node || fs.exists(join(dir, "pyproject.toml")) || fs.readDir(dir).some((f) => /^requirements.*\.txt$/.test(f));
    const target = join(dir, ".dockerignore");
    report({
      messageId: "missing",
      range: ins.range,
      data: {
        copy:
          dockerfile.text.slice(dockerfile.lines.offsetAt(ins.range.start), dockerfile.lines.offsetAt(ins.range.end)).split(/\r?\n/)[0] ??
          "COPY . .",
      },
      fixes: [
        {
          title: "Create a .dockerignore",
          safe: false,
          edits: [],
          changes: [{ path: target, create: recommendedDockerignore({ python, node }) }],
        },
      ],
    });
  },
});
