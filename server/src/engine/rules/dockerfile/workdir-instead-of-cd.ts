import { runSteps } from "../../analysis/instructions";
import { commandArgs, commandName, commandWord } from "../../analysis/packages";
import type { ShellCommand } from "../../model/shell";
import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/workdir-instead-of-cd",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: false,
    summary: "Use WORKDIR to change directory rather than `cd` in RUN.",
    rationale:
      "`cd` only lasts until the end of its RUN, so a reader has to track which steps happen where, and the next instruction is back in the old directory. " +
      "WORKDIR sets the directory for every following instruction and for the container, and it creates the folder when it is missing. " +
      "This defaults to info: a `cd` inside one RUN (into a freshly unpacked source tree, say) is harmless, and rewriting it changes where later instructions run, so there is no automatic fix. " +
      "It is not reported when the same RUN creates the folder first (unpacks an archive, clones a repository, runs `mkdir`), or when the folder is temporary (`/tmp/…`, `$(mktemp -d)`).",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN cd /app && pip install --no-cache-dir -r requirements.txt\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt\n",
      },
    ],
    equivalents: ["hadolint:DL3003", "trivy:DS-0013"],
    messages: { cd: "Use WORKDIR to switch to a directory instead of `cd`." },
    practice: "hadolint",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      step.commands.forEach((cmd, index) => {
        const word = commandWord(cmd);
        if (!word || commandName(cmd) !== "cd") return;
        const target = commandArgs(cmd)[0]?.value ?? "";
        // a temporary or computed folder cannot be a WORKDIR
        if (target === "" || target === "-" || /\$\(|`|mktemp/.test(target) || /^\/tmp(\/|$)/.test(target)) return;
        // a folder this RUN creates first (unpacked, cloned, made): it does not exist when a WORKDIR before the RUN would apply
        if (step.commands.slice(0, index).some(createsFolder)) return;
        report({ messageId: "cd", range: dockerfile.wordRange(word) });
      });
    }
  },
});

const CREATES = /^(tar|bsdtar|unzip|7z|7za|gunzip|git|mkdir|curl|wget|cp|mv|ln|svn|hg)$/;

/** A command that can create the folder a later `cd` enters (`tar xf`, `git clone`, `mkdir`, a download …). */
function createsFolder(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (!name || !CREATES.test(name)) return false;
  if (name === "git") return commandArgs(cmd).some((w) => w.value === "clone" || w.value === "worktree");
  return true;
}
