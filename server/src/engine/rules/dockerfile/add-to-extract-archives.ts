import { basename, copyOperands, isArchivePath, runSteps, type CopyOperand } from "../../analysis/instructions";
import { commandArgs, commandName, parseArgs } from "../../analysis/packages";
import type { DockerInstruction } from "../../model/dockerfile";
import type { ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const DECOMPRESSORS = new Set(["unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"]);

function extracts(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (name && DECOMPRESSORS.has(name)) return true;
  if (name !== "tar") return false;
  const words = commandArgs(cmd);
  // `tar -xf`, `tar xzf` (old style: first word without dash), `tar --extract`/`--get`
  if (words[0] && /^[a-zA-Z]+$/.test(words[0].value) && words[0].value.includes("x")) return true;
  return parseArgs(words).flags.some((f) => f.name === "x" || f.name === "extract" || f.name === "get");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/add-to-extract-archives",
    category: "image-size",
    defaultSeverity: "info",
    fixable: false,
    summary: "Let ADD unpack a local tar archive instead of COPYing it and extracting it in a later RUN.",
    rationale:
      "COPY of an archive followed by `RUN tar -x …` stores the archive in one layer and the extracted files in another, and the archive stays in the image even if the RUN deletes it. " +
      "`ADD app.tar.gz /opt/app/` unpacks a local tar archive (plain, gzip, bzip2 or xz) in a single step and layer. " +
      "Only archives that are copied and then extracted in the same stage are reported; the rewrite moves files around, so there is no automatic fix.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
        good: "FROM debian:bookworm-slim\nADD app.tar.gz /opt/\n",
      },
    ],
    equivalents: ["hadolint:DL3010"],
    messages: { useAdd: "{{archive}} is copied and then extracted; use ADD to unpack it in one step." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    const steps = new Map(
      runSteps(dockerfile)
        .filter((s) => !s.onbuild)
        .map((s) => [s.ins, s]),
    );
    // a fragment without FROM is checked as one stage
    const groups = dockerfile.stages.length > 0 ? dockerfile.stages.map((s) => s.instructions) : [dockerfile.instructions];
    for (const instructions of groups) {
      // archives copied in this stage: name -> COPY instruction
      const copied: { name: string; ins: DockerInstruction; operand: CopyOperand }[] = [];
      const reported = new Set<DockerInstruction>();
      for (const ins of instructions) {
        if (ins.keyword === "COPY" && !dockerfile.flag(ins, "from")) {
          const ops = copyOperands(ins, dockerfile);
          if (!ops || ops.hasHeredoc) continue;
          if (isArchivePath(ops.dest.value)) copied.push({ name: basename(ops.dest.value), ins, operand: ops.dest });
          else for (const s of ops.sources) if (isArchivePath(s.value)) copied.push({ name: basename(s.value), ins, operand: s });
        } else {
          const step = steps.get(ins);
          if (!step) continue;
          for (const cmd of step.commands) {
            if (!extracts(cmd)) continue;
            const names = new Set(parseArgs(commandArgs(cmd)).operands.map((w) => basename(w.value)));
            // `tar -xf file`: the archive is the value of -f, which parseArgs leaves as an operand
            for (const c of copied) {
              if (!names.has(c.name) || reported.has(c.ins)) continue;
              reported.add(c.ins);
              report({ messageId: "useAdd", range: c.operand.range, data: { archive: c.name } });
            }
          }
        }
      }
    }
  },
});
