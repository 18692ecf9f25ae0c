import { runSteps } from "../../analysis/instructions";
import { commandName, hasAnyFlag, insertAfter } from "../../analysis/runCommands";
import { argsOf, programOf, type ShellCommand, type ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

/** The value given to `-u`/`--uid` (`-u 1000`, `-u1000`, `--uid 1000`, `--uid=1000`). */
function uidOf(cmd: ShellCommand): string | undefined {
  const args = argsOf(cmd);
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as ShellWord).value;
    if (v === "-u" || v === "--uid") return args[i + 1]?.value;
    if (v.startsWith("--uid=")) return v.slice("--uid=".length);
    if (/^-u\d+$/.test(v)) return v.slice(2);
  }
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/useradd-no-log-init",
    category: "image-size",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Pass `-l` (`--no-log-init`) to `useradd` when it sets a large UID.",
    rationale:
      "`useradd` reserves space in the sparse `/var/log/lastlog` and `/var/log/faillog` files up to the new UID. Docker layers do not keep files sparse, so a UID like 1000000 can add gigabytes to the image. `-l` skips those log files, which containers do not use anyway.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\n",
        good: "FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n",
      },
    ],
    equivalents: ["hadolint:DL3046"],
    messages: { noLogInit: "`useradd` with UID {{uid}} and no `-l` writes large lastlog/faillog files into the image." },
    practice: "hadolint DL3046",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runSteps(dockerfile)) {
      for (const cmd of commands) {
        if (commandName(cmd) !== "useradd" || hasAnyFlag(cmd, ["l", "no-log-init"])) continue;
        const uid = uidOf(cmd);
        if (uid === undefined || uid.length <= 5) continue;
        const program = cmd.words[programOf(cmd)?.index ?? 0] as ShellWord;
        report({
          messageId: "noLogInit",
          range: dockerfile.lines.rangeOf(cmd.start, cmd.end),
          data: { uid },
          fixes: [{ title: "Add -l to useradd", safe: true, edits: [insertAfter(dockerfile, program, " -l")] }],
        });
      }
    }
  },
});
