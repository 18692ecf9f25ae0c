/**
 * Document links for the sources of COPY and ADD in a Dockerfile. The build context is not written in the
 * Dockerfile; the folder it sits in is the usual one (`docker build .` beside it), so a source links only
 * when that file or folder exists there. Sources with variables, wildcards or URLs, heredocs and
 * `--from` copies (another stage or image) get no link.
 */
import { copyOperands } from "../analysis/instructions";
import type { DockerfileModel } from "../model/dockerfile";
import { dirname, resolvePath } from "../paths";
import type { Range } from "../text";
import type { WorkspaceFs } from "../types";

export interface FileLink {
  range: Range;
  path: string;
  tooltip: string;
}

const MAX_LINKS = 2_000;

export function dockerfileCopyLinks(dockerfile: DockerfileModel, fs: WorkspaceFs): FileLink[] {
  const out: FileLink[] = [];
  const context = dirname(dockerfile.path);
  for (const ins of dockerfile.instructions) {
    if (out.length >= MAX_LINKS) break;
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.flags.some((f) => f.getName().toLowerCase() === "from")) continue;
    const ops = copyOperands(ins, dockerfile);
    if (!ops || ops.hasHeredoc) continue;
    for (const src of ops.sources) {
      const v = src.value;
      if (!v || /[$*?[\]]|^[a-z][a-z0-9+.-]*:\/\/|^git@|^<</i.test(v)) continue;
      const path = resolvePath(context, v.replace(/^\/+/, ""));
      if ((path !== context && !path.startsWith(context + "/")) || !fs.exists(path)) continue;
      out.push({ range: src.range, path, tooltip: fs.isDirectory(path) ? "Reveal folder" : "Open file" });
    }
  }
  return out;
}
