import { copyOperands, isArchivePath } from "../../analysis/instructions";
import { dockerfileRule } from "../../rule";

/** Remote sources only ADD can fetch: http(s) URLs and git repositories. */
function isRemote(path: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/.test(path);
}

// ADD options that COPY does not have.
const ADD_ONLY_FLAGS = new Set(["checksum", "keep-git-dir", "unpack"]);

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/copy-instead-of-add",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Use COPY for local files and folders; keep ADD for URLs, git sources and tar archives it should unpack.",
    rationale:
      "ADD does more than copy: it downloads URLs and unpacks local tar archives. When you only mean to copy files, those extra powers are a trap — " +
      "a file that happens to be a tar archive is silently extracted, and readers have to check what each ADD really does. " +
      "COPY does exactly one thing. ADD stays fine for remote sources and for archives you want unpacked. " +
      "The fix turns ADD into COPY when every source is a local, non-archive path and no ADD-only option (`--checksum`, `--keep-git-dir`, `--unpack`) is used.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nWORKDIR /app\nADD requirements.txt .\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
      },
    ],
    equivalents: ["hadolint:DL3020", "checkov:CKV_DOCKER_4", "trivy:DS-0005"],
    messages: { useCopy: "Use COPY instead of ADD for files and folders." },
    practice: "hadolint; Docker best practices",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ADD") continue;
      const ops = copyOperands(ins, dockerfile);
      if (!ops || ops.hasHeredoc) continue;
      if (ops.sources.every((s) => isArchivePath(s.value) || isRemote(s.value))) continue;
      const addOnly = ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()));
      const localOnly = ops.sources.every((s) => !isArchivePath(s.value) && !isRemote(s.value));
      report({
        messageId: "useCopy",
        range: ins.keywordRange,
        fixes:
          !addOnly && localOnly
            ? [
                {
                  title: "Replace ADD with COPY",
                  safe: true,
                  edits: [{ range: ins.keywordRange, newText: ins.keywordAsWritten === "add" ? "copy" : "COPY" }],
                },
              ]
            : [],
      });
    }
  },
});
