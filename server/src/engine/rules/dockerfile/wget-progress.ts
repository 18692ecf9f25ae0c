import { runSteps } from "../../analysis/instructions";
import { commandName, hasAnyFlag, insertAfter } from "../../analysis/runCommands";
import { imageStateAt, packagesOf, type ImageState } from "../../analysis/dockerfileFacts";
import { argsOf, programOf, type ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/wget-progress",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["safe", "suggestion"],
    summary: "Give `wget` a compact progress style (`--progress=dot:giga`) or make it quiet.",
    rationale:
      "Without a terminal, `wget` prints a dot for every few kilobytes, so downloading a large file floods the build log with thousands of lines. `--progress=dot:giga` keeps the log readable; `-q`/`-nv` silence it. Info by default: it only affects the log. " +
      "BusyBox's wget (Alpine, BusyBox, distroless `:debug`) prints no dots and does not accept `--progress`, so it is not reported there; the fix is applied by `--fix` only where the image model knows the wget is GNU wget (Debian-based full images, or `wget` installed as a package).",
    examples: [
      {
        bad: "FROM python:3.13\nRUN wget https://example.com/big.tar.gz\n",
        good: "FROM python:3.13\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n",
      },
    ],
    equivalents: ["hadolint:DL3047"],
    messages: { noProgress: "`wget` without `--progress` (or `-q`/`-nv`) floods the build log." },
    practice: "hadolint DL3047",
  },
  check({ dockerfile, report }) {
    for (const { ins, commands, onbuild } of runSteps(dockerfile)) {
      const stage = ins.stage;
      // an ONBUILD trigger runs first thing in a child of this image: what this stage ends with is what it finds
      // asked only for a step that calls wget
      let state: ImageState | undefined;
      const stateOf = () => (state ??= stage ? imageStateAt(dockerfile, stage, onbuild ? undefined : ins) : undefined);
      commands.forEach((cmd, index) => {
        if (commandName(cmd) !== "wget") return;
        if (hasAnyFlag(cmd, ["progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose"])) return;
        if (argsOf(cmd).some((w) => w.value === "-nv")) return;
        // GNU wget installed earlier in this RUN replaces whatever the image had
        const installedHere = commands.slice(0, index).some((c) => packagesOf(c)?.names.some((n) => n.name === "wget"));
        const kind = installedHere ? "gnu" : stateOf()?.wget;
        // BusyBox wget prints no dot per kilobyte, and rejects --progress: the build would fail
        if (kind === "busybox" || kind === "none") return;
        const program = cmd.words[programOf(cmd)?.index ?? 0] as ShellWord;
        report({
          messageId: "noProgress",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          fixes: [
            {
              title: "Add --progress=dot:giga",
              // only GNU wget knows --progress; where the model cannot tell which wget runs, it is a suggestion
              safe: kind === "gnu" && (installedHere || !state?.baseFromArg),
              edits: [insertAfter(dockerfile, program, " --progress=dot:giga")],
            },
          ],
        });
      });
    }
  },
});
