import { commandName, hasAnyFlag, insertAfter, runsOf } from "../../analysis/runCommands";
import { argsOf, programOf, type ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/wget-progress",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: true,
    summary: "Give `wget` a compact progress style (`--progress=dot:giga`) or make it quiet.",
    rationale:
      "Without a terminal, `wget` prints a dot for every few kilobytes, so downloading a large file floods the build log with thousands of lines. `--progress=dot:giga` keeps the log readable; `-q`/`-nv` silence it. Info by default: it only affects the log.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN wget https://example.com/big.tar.gz\n",
        good: "FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n",
      },
    ],
    equivalents: ["hadolint:DL3047"],
    messages: { noProgress: "`wget` without `--progress` (or `-q`/`-nv`) floods the build log." },
    practice: "hadolint DL3047",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runsOf(dockerfile)) {
      for (const cmd of commands) {
        if (commandName(cmd) !== "wget") continue;
        if (hasAnyFlag(cmd, ["progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose"])) continue;
        if (argsOf(cmd).some((w) => w.value === "-nv")) continue;
        const program = cmd.words[programOf(cmd)?.index ?? 0] as ShellWord;
        report({
          messageId: "noProgress",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          fixes: [{ title: "Add --progress=dot:giga", safe: true, edits: [insertAfter(dockerfile, program, " --progress=dot:giga")] }],
        });
      }
    }
  },
});
