/**
 * Helpers for rules that read RUN instructions the way hadolint does: a command's name, its flags
 * (`--name[=v]` gives `name`, `-abc` gives `a`, `b`, `c`), the arguments that are not flags, and
 * the cache or tmpfs mounts a RUN declares. The RUN instructions themselves come from `runSteps` (analysis/instructions).
 */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import { argsOf, programOf, type ShellCommand, type ShellWord } from "../model/shell";
import type { TextEdit } from "../text";

/** The program's base name (`/usr/bin/yum` -> `yum`), skipping sudo/env wrappers. */
export function commandName(cmd: ShellCommand): string | undefined {
  return programOf(cmd)?.name;
}

/** Flag names as hadolint counts them: `--no-cache-dir` -> `no-cache-dir`, `-qy` -> `q`, `y`. */
export function flagNames(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (const w of argsOf(cmd)) {
    const v = w.value;
    if (v === "-" || v === "--") continue;
    if (v.startsWith("--")) out.push(v.slice(2).split("=")[0] as string);
    else if (v.startsWith("-")) for (const c of v.slice(1)) out.push(c);
  }
  return out;
}

export function hasAnyFlag(cmd: ShellCommand, names: readonly string[]): boolean {
  return flagNames(cmd).some((f) => names.includes(f));
}

/** Arguments that are not flags (flag values given as separate words are kept, as hadolint does). */
export function argsNoFlags(cmd: ShellCommand): ShellWord[] {
  return argsOf(cmd).filter((w) => !(w.value.startsWith("-") && w.value !== "-"));
}

/** The command is one of `names` and any of its arguments is one of `args` (hadolint's cmdHasArgs). */
export function commandHasArgs(cmd: ShellCommand, names: readonly string[], args: readonly string[]): boolean {
  const name = commandName(cmd);
  if (name === undefined || !names.includes(name)) return false;
  return argsOf(cmd).some((w) => args.includes(w.value));
}

/** Index of the first command that matches, or -1. */
export function findCommand(commands: readonly ShellCommand[], test: (c: ShellCommand) => boolean): number {
  return commands.findIndex(test);
}

export interface RunMount {
  type: string;
  target: string;
  options: Record<string, string>;
}

/** `RUN --mount=type=cache,target=/root/.cache/pip …` mounts. */
export function runMounts(ins: DockerInstruction): RunMount[] {
  const out: RunMount[] = [];
  for (const f of ins.flags) {
    if (f.getName().toLowerCase() !== "mount") continue;
    const options: Record<string, string> = {};
    for (const part of (f.getValue() ?? "").split(",")) {
      const eq = part.indexOf("=");
      if (eq > 0) options[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
      else if (part.trim()) options[part.trim().toLowerCase()] = "";
    }
    out.push({
      type: (options.type ?? "bind").toLowerCase(),
      target: options.target ?? options.dst ?? options.destination ?? "",
      options,
    });
  }
  return out;
}

/** A cache or tmpfs mount whose target contains `fragment` (hadolint's hasCacheOrTmpfsMountWith). */
export function hasCacheOrTmpfsMountWith(ins: DockerInstruction, fragment: string): boolean {
  return runMounts(ins).some((m) => (m.type === "cache" || m.type === "tmpfs") && m.target.includes(fragment));
}

/** An edit that inserts `text` right after a word (e.g. ` -y` after `install`). */
export function insertAfter(dockerfile: DockerfileModel, word: ShellWord, text: string): TextEdit {
  const p = dockerfile.lines.positionAt(word.end);
  return { range: { start: p, end: p }, newText: text };
}

/**
 * An edit that appends ` && <text>` after the last command of a shell-form RUN, or undefined
 * when the RUN is exec form or uses heredocs (where the right place is not obvious).
 */
export function appendToRun(dockerfile: DockerfileModel, ins: DockerInstruction, text: string): TextEdit | undefined {
  if (ins.keyword !== "RUN" || ins.isExecForm || ins.heredocs.length > 0) return undefined;
  const commands = dockerfile.shellCommands(ins);
  const last = commands[commands.length - 1];
  if (!last || last.after === "&") return undefined;
  // after an unclosed quote or `$(` the appended text would be part of it
  if (commands.some((c) => c.words.some((w) => w.unterminated))) return undefined;
  const p = dockerfile.lines.positionAt(last.end);
  return { range: { start: p, end: p }, newText: ` && ${text}` };
}
