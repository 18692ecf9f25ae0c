import { objectMemo } from "../memo";

/**
 * A small POSIX-shell reader for RUN lines: enough to find commands, their words and where
 * they are, so rules can reason about `apt-get install`, `uv sync` or `curl | sh`.
 * It never throws and it is linear in the input.
 */

export type Separator = "&&" | "||" | ";" | "|" | "&" | "\n";

export interface ShellWord {
  /** The word with quotes and escapes removed. */
  value: string;
  /** Offsets into the text given to `parseShell` (add the caller's base offset for document offsets). */
  start: number;
  end: number;
  /** True when any part of the word was quoted. */
  quoted: boolean;
  /** Set when a quote or `$(` opened in the word is never closed (the word runs to the end of the text). */
  unterminated?: boolean;
}

export interface ShellCommand {
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  /** The program and its arguments (assignments removed). */
  words: ShellWord[];
  /** The separator that came before this command (undefined for the first). */
  before?: Separator;
  /** The separator after it (undefined for the last). */
  after?: Separator;
  start: number;
  end: number;
}

export interface ParseShellOptions {
  /** The Dockerfile escape character; `\` by default. A line continuation is escape + newline. */
  escape?: string;
  /** Added to every offset (where `text` starts in the document); 0 by default. */
  offset?: number;
}

const OPERATORS: Separator[] = ["&&", "||", ";", "|", "&"];

export function parseShell(text: string, options: ParseShellOptions = {}): ShellCommand[] {
  const esc = options.escape ?? "\\";
  const off = options.offset ?? 0;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let before: Separator | undefined;
  let cmdStart = -1;
  let i = 0;
  const n = text.length;

  const finish = (sep: Separator | undefined, at: number) => {
    if (words.length > 0) {
      const assignments: ShellWord[] = [];
      let k = 0;
      while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test((words[k] as ShellWord).value) && !(words[k] as ShellWord).quoted) {
        assignments.push(words[k] as ShellWord);
        k++;
      }
      const last = words[words.length - 1] as ShellWord;
      // `words` is replaced below, so without assignments the command keeps it (no copy)
      commands.push({ assignments, words: k === 0 ? words : words.slice(k), before, after: sep, start: cmdStart + off, end: last.end });
      before = sep;
    } else if (sep !== undefined && sep !== "\n" && sep !== ";") {
      before = sep;
    }
    words = [];
    cmdStart = -1;
    void at;
  };

  while (i < n) {
    const c = text[i] as string;
    // line continuation
    if (c === esc && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) {
      i += text[i + 1] === "\r" ? 3 : 2;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\n") {
      finish("\n", i);
      i++;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    const op = c === "&" || c === "|" || c === ";" ? OPERATORS.find((o) => text.startsWith(o, i)) : undefined;
    if (op) {
      finish(op, i);
      i += op.length;
      continue;
    }
    if (c === "(" || c === ")" || c === "{" || c === "}") {
      // grouping: treat as a boundary without a separator of its own
      if (c === "(" || c === ")") {
        finish(undefined, i);
        i++;
        continue;
      }
    }
    // a word; its value is built from slices of the text between the characters quoting and escapes remove (one
    // string per run, not one per character: this loop reads every RUN of every Dockerfile)
    const start = i;
    let value = "";
    let seg = i;
    let quoted = false;
    let unterminated = false;
    while (i < n) {
      const ch = text[i] as string;
      if (ch === esc && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) {
        value += text.slice(seg, i);
        i += text[i + 1] === "\r" ? 3 : 2;
        seg = i;
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === ";" || ch === "&" || ch === "|" || ch === "(" || ch === ")")
        break;
      if (ch === "\\" && i + 1 < n) {
        value += text.slice(seg, i) + (text[i + 1] as string);
        i += 2;
        seg = i;
        continue;
      }
      if (ch === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        if (close < 0) unterminated = true;
        value += text.slice(seg, i) + text.slice(i + 1, stop);
        i = stop + 1;
        seg = i;
        continue;
      }
      if (ch === '"') {
        quoted = true;
        value += text.slice(seg, i);
        i++;
        seg = i;
        while (i < n && text[i] !== '"') {
          const next = text[i + 1];
          if (text[i] === "\\" && i + 1 < n && (next === '"' || next === "\\" || next === "$" || next === "`" || next === "\n")) {
            value += text.slice(seg, i);
            if (next !== "\n") value += next;
            i += 2;
            seg = i;
            continue;
          }
          i++;
        }
        value += text.slice(seg, Math.min(i, n));
        if (i >= n) unterminated = true;
        i++;
        seg = i;
        continue;
      }
      if (ch === "$" && text[i + 1] === "(") {
        // command substitution: keep it as part of the word, matching parentheses
        let depth = 0;
        while (i < n) {
          if (text[i] === "(") depth++;
          else if (text[i] === ")") {
            depth--;
            if (depth === 0) {
              i++;
              break;
            }
          }
          i++;
        }
        if (depth > 0) unterminated = true;
        // the substitution is kept as written, so the run from `seg` goes on through it
        continue;
      }
      i++;
    }
    if (seg < i) value += text.slice(seg, Math.min(i, n));
    if (i === start) {
      i++;
      continue;
    }
    if (cmdStart < 0) cmdStart = start;
    const end = Math.min(i, n) + off;
    words.push(unterminated ? { value, start: start + off, end, quoted, unterminated } : { value, start: start + off, end, quoted });
  }
  finish(undefined, n);
  return commands;
}

/** The program a command runs, skipping `sudo`, `env`, `command`, `exec`, `time`, `nice` wrappers. */
export function programOf(cmd: ShellCommand): { name: string; index: number } | undefined {
  // every rule asks this of the same cached commands: answer each command once
  const cached = programCache.get(cmd);
  if (cached !== undefined) return cached ?? undefined;
  const found = findProgram(cmd);
  programCache.set(cmd, found ?? null);
  return found;
}
const programCache = objectMemo<ShellCommand, { name: string; index: number } | null>("shipshape.programOf");
/**
 * Words before the program: wrappers that run the next word, and the shell's reserved words that open a compound
 * command (`if cmd`, `then cmd`, `do cmd`, `! cmd`, `{ cmd`), so a command inside an if/while branch is seen.
 */
const WRAPPERS = new Set([
  "sudo",
  "env",
  "command",
  "exec",
  "time",
  "nice",
  "nohup",
  "if",
  "elif",
  "then",
  "else",
  "while",
  "until",
  "do",
  "!",
  "{",
]);

function findProgram(cmd: ShellCommand): { name: string; index: number } | undefined {
  const wrappers = WRAPPERS;
  for (let i = 0; i < cmd.words.length; i++) {
    const w = (cmd.words[i] as ShellWord).value;
    if (
      wrappers.has(w) ||
      /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
      (i > 0 && w.startsWith("-") && wrappers.has((cmd.words[i - 1] as ShellWord).value))
    )
      continue;
    const base = w.slice(w.lastIndexOf("/") + 1);
    return { name: base, index: i };
  }
  return undefined;
}

/** True when `cmd` runs `program` with `sub` as its first non-flag argument (e.g. `apt-get install`). */
export function isInvocation(cmd: ShellCommand, program: string | RegExp, sub?: string | RegExp): boolean {
  const p = programOf(cmd);
  if (!p) return false;
  if (typeof program === "string" ? p.name !== program : !program.test(p.name)) return false;
  if (sub === undefined) return true;
  const firstArg = cmd.words.slice(p.index + 1).find((w) => !w.value.startsWith("-"));
  if (!firstArg) return false;
  return typeof sub === "string" ? firstArg.value === sub : sub.test(firstArg.value);
}

/** Words after the program (flags included). */
export function argsOf(cmd: ShellCommand): ShellWord[] {
  const p = programOf(cmd);
  return p ? cmd.words.slice(p.index + 1) : [];
}

/** True when any argument equals one of `flags` (also `--flag=value` and combined short flags like `-qy`). */
export function hasFlag(cmd: ShellCommand, ...flags: string[]): boolean {
  return argsOf(cmd).some((w) => {
    const v = w.value;
    if (flags.includes(v)) return true;
    const eq = v.indexOf("=");
    if (v.startsWith("--") && eq > 0 && flags.includes(v.slice(0, eq))) return true;
    if (/^-[A-Za-z]{2,}$/.test(v)) {
      return flags.some((f) => /^-[A-Za-z]$/.test(f) && v.includes(f.slice(1)));
    }
    return false;
  });
}
