import { runStepOf } from "../../analysis/instructions";
import { copyArgs, deleteInstruction, joinPosix, workdirAt } from "../../analysis/dockerfileFacts";
import type { DockerInstruction } from "../../model/dockerfile";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";
import type { TextEdit } from "../../text";

function covers(dir: string, path: string): boolean {
  return dir === "/" || path === dir || path.startsWith(dir + "/");
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/chown-in-separate-layer",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Set ownership while copying (`COPY --chown`) instead of a later `RUN chown -R`.",
    rationale:
      "Layers are immutable: `RUN chown -R app:app /app` after a COPY writes a second copy of every file it touches, just to change the owner, so the image carries the application twice. " +
      "It is also slow on large trees. `COPY --chown=app:app` (and `ADD --chown`) writes the files with the right owner in the first place.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nWORKDIR /app\nCOPY --from=builder /app/src ./src\nRUN chown -R appuser:appuser /app\nUSER appuser\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY --from=builder --chown=appuser:appuser /app/src ./src\nUSER appuser\n",
      },
    ],
    equivalents: [],
    messages: {
      chown:
        "`chown -R` re-writes files that an earlier {{copy}} added, doubling them in the image; use `{{copy}} --chown={{owner}}` instead.",
    },
    practice: "002 (`RUN chown -R appuser:appuser /app` in the runtime stage), 001 (COPY --chown)",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      // destinations are resolved only when a `chown -R` asks (most stages have none)
      const written: { ins: DockerInstruction; dest: string }[] = [];
      const resolved: { ins: DockerInstruction; dest: string }[] = [];
      const copiesSoFar = () => {
        for (const c of written.slice(resolved.length))
          resolved.push({ ins: c.ins, dest: joinPosix(workdirAt(dockerfile, stage, c.ins), c.dest) });
        return resolved;
      };
      for (const ins of stage.instructions) {
        const c = copyArgs(ins);
        if (c) {
          written.push({ ins, dest: c.dest });
          continue;
        }
        // an ONBUILD RUN chown runs in a later build, over that build's layers
        const step = runStepOf(dockerfile, ins);
        if (!step || step.onbuild) continue;
        const cmds = step.commands;
        for (const cmd of cmds) {
          const p = programOf(cmd);
          if (!p || p.name !== "chown") continue;
          const args = argsOf(cmd);
          if (!args.some((w) => /^-[A-Za-z]*R[A-Za-z]*$/.test(w.value) || w.value === "--recursive")) continue;
          const plain = args.filter((w) => !w.value.startsWith("-")).map((w) => w.value);
          const owner = plain[0];
          const targets = plain.slice(1).map((t) => joinPosix(workdirAt(dockerfile, stage, ins), t));
          if (!owner || targets.length === 0 || /\$/.test(owner)) continue;
          const hit = copiesSoFar().filter((c) => targets.some((t) => covers(t, c.dest) || covers(c.dest, t)));
          if (hit.length === 0) continue;
          const fixes: Fix[] = [];
          // only when the RUN is nothing but this chown, and every copy can take --chown
          if (cmds.length === 1 && hit.every((h) => !dockerfile.flag(h.ins, "chown"))) {
            const edits: TextEdit[] = hit.map((h) => {
              const at = h.ins.argsRange?.start ?? h.ins.keywordRange.end;
              return { range: { start: at, end: at }, newText: `--chown=${owner} ` };
            });
            edits.push(deleteInstruction(dockerfile, ins));
            fixes.push({ title: `Use COPY --chown=${owner} and drop the RUN chown`, safe: false, edits });
          }
          const first = hit[0] as { ins: DockerInstruction };
          const word = cmd.words[p.index];
          report({
            messageId: "chown",
            range: word ? dockerfile.lines.rangeOf(word.start, cmd.end) : ins.keywordRange,
            data: { copy: first.ins.keyword, owner },
            fixes,
          });
        }
      }
    }
  },
});
