/**
 * Instruction-level helpers shared by Dockerfile rules:
 * - `runSteps`: every RUN and `ONBUILD RUN` with its shell commands and `--mount` flags;
 * - `insertArgumentAfter` / `replaceWord`: edits to a step's command that stay valid in shell and JSON form;
 * - `mountsOf` / `hasCacheOrTmpfsMount`: BuildKit mounts of a RUN;
 * - `copyOperands`: the sources and destination of COPY / ADD (shell or JSON form);
 * - `basename`, `stripQuotes`, `isArchivePath`: small path helpers.
 *
 * Exports are stable: other rules import them. Everything here is pure and never throws.
 */
import type { Flag } from "dockerfile-ast";
import type { DockerfileModel, DockerInstruction, Stage } from "../model/dockerfile";
import { parseShell, type ShellCommand, type ShellWord } from "../model/shell";
import type { Range, TextEdit } from "../text";

/** One `--mount=type=…,target=…` flag of a RUN. */
export interface RunMount {
  /** `bind` (the default), `cache`, `tmpfs`, `secret`, `ssh`. */
  type: string;
  /** `target` / `dst` / `destination`; undefined when missing. */
  target: string | undefined;
  /** `from=` (a stage or image), when given. */
  from: string | undefined;
  /** Every option as written (`id`, `sharing`, `mode` …). */
  options: ReadonlyMap<string, string>;
  range: Range;
}

/** A RUN instruction, or the RUN inside an `ONBUILD RUN …`. */
export interface RunStep {
  /** The RUN instruction, or the ONBUILD instruction that carries it. */
  ins: DockerInstruction;
  /** True for `ONBUILD RUN`: it runs in images built FROM this one. */
  onbuild: boolean;
  /** Shell commands with document offsets (heredoc bodies included). */
  commands: ShellCommand[];
  mounts: RunMount[];
  /** JSON (exec) form. */
  isExecForm: boolean;
  /** Exec form whose commands are the JSON strings themselves (not a `["sh", "-c", "…"]` script): edits must stay valid JSON. */
  jsonWords: boolean;
  /** Document offset just after the last command (where `&& …` can be appended); undefined when unknown. */
  appendOffset: number | undefined;
}

const stepCache = new WeakMap<DockerfileModel, readonly RunStep[]>();
const stepByIns = new WeakMap<DockerfileModel, Map<DockerInstruction, RunStep>>();

/**
 * Every RUN and `ONBUILD RUN` in document order, of one stage or of the whole file (computed once per model;
 * shared, so read-only). The one walker of RUN instructions: a rule that must not look at ONBUILD triggers (they run
 * in images built on this one, not in this one) skips `step.onbuild` itself and its tests say why.
 */
export function runSteps(dockerfile: DockerfileModel, stage?: Stage): readonly RunStep[] {
  const all = allRunSteps(dockerfile);
  return stage ? all.filter((s) => s.ins.stage === stage) : all;
}

/** The RUN step of one instruction (a RUN, or an ONBUILD whose trigger is a RUN); undefined for anything else. */
export function runStepOf(dockerfile: DockerfileModel, ins: DockerInstruction): RunStep | undefined {
  let map = stepByIns.get(dockerfile);
  if (!map) {
    map = new Map(allRunSteps(dockerfile).map((s) => [s.ins, s]));
    stepByIns.set(dockerfile, map);
  }
  return map.get(ins);
}

function allRunSteps(dockerfile: DockerfileModel): readonly RunStep[] {
  const cached = stepCache.get(dockerfile);
  if (cached) return cached;
  const out: RunStep[] = [];
  for (const ins of dockerfile.instructions) {
    if (ins.keyword === "RUN") {
      const commands = dockerfile.shellCommands(ins);
      const last = commands[commands.length - 1];
      out.push({
        ins,
        onbuild: false,
        commands,
        mounts: mountsOf(ins.flags),
        isExecForm: ins.isExecForm,
        jsonWords: ins.isExecForm && !isShellScript(ins.jsonArgs ?? []),
        // text appended after an unclosed quote would land inside it
        appendOffset:
          !ins.isExecForm && ins.heredocs.length === 0 && last && !commands.some((c) => c.words.some((w) => w.unterminated))
            ? last.end
            : undefined,
      });
    } else if (ins.keyword === "ONBUILD") {
      const step = onbuildRun(ins, dockerfile);
      if (step) out.push(step);
    }
  }
  stepCache.set(dockerfile, out);
  return out;
}

/** `["sh", "-c", "script"]` (any sh/bash/dash/ash): the model reads the script as shell. */
function isShellScript(args: readonly string[]): boolean {
  return args.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(args[0] as string) && args[1] === "-c";
}

/** An edit inserting one argument after `word` of a step's command: ` --flag` in shell text, `, "--flag"` in JSON form. */
export function insertArgumentAfter(dockerfile: DockerfileModel, step: RunStep, word: ShellWord, arg: string): TextEdit {
  const at = dockerfile.lines.positionAt(word.end);
  return { range: { start: at, end: at }, newText: step.jsonWords ? `, ${JSON.stringify(arg)}` : ` ${arg}` };
}

/** An edit replacing `word` of a step's command with `value` (quoted as a JSON string in JSON form). */
export function replaceWord(dockerfile: DockerfileModel, step: RunStep, word: ShellWord, value: string): TextEdit {
  return { range: dockerfile.wordRange(word), newText: step.jsonWords ? JSON.stringify(value) : value };
}

function onbuildRun(ins: DockerInstruction, dockerfile: DockerfileModel): RunStep | undefined {
  const ast = ins.ast as unknown as { getTriggerInstruction?(): unknown };
  let trigger: unknown;
  try {
    trigger = ast.getTriggerInstruction?.();
  } catch {
    return undefined;
  }
  const t = trigger as
    | {
        getKeyword(): string;
        getRange(): Range;
        getArguments(): { getRange(): Range }[];
        getFlags?(): Flag[];
      }
    | null
    | undefined;
  if (!t || t.getKeyword().toUpperCase() !== "RUN") return undefined;
  const args = t.getArguments();
  const first = args[0];
  if (!first) return undefined;
  const start = dockerfile.lines.offsetAt(first.getRange().start);
  const end = dockerfile.lines.offsetAt(t.getRange().end);
  const text = dockerfile.text.slice(start, end);
  if (text.trimStart().startsWith("[")) return undefined;
  const commands = parseShell(text, { escape: dockerfile.escape }).map((c) => shift(c, start));
  let flags: Flag[] = [];
  try {
    flags = t.getFlags?.() ?? [];
  } catch {
    flags = [];
  }
  const last = commands[commands.length - 1];
  const unterminated = commands.some((c) => c.words.some((w) => w.unterminated));
  return {
    ins,
    onbuild: true,
    commands,
    mounts: mountsOf(flags),
    isExecForm: false,
    jsonWords: false,
    appendOffset: unterminated ? undefined : last?.end,
  };
}

function shift(c: ShellCommand, by: number): ShellCommand {
  const s = (w: ShellWord): ShellWord => ({ ...w, start: w.start + by, end: w.end + by });
  return { ...c, assignments: c.assignments.map(s), words: c.words.map(s), start: c.start + by, end: c.end + by };
}

/** The `--mount` flags among an instruction's flags. */
export function mountsOf(flags: readonly Flag[]): RunMount[] {
  const out: RunMount[] = [];
  for (const f of flags) {
    if (f.getName().toLowerCase() !== "mount") continue;
    const value = stripQuotes(f.getValue() ?? "");
    const options = new Map<string, string>();
    for (const part of value.split(",")) {
      const eq = part.indexOf("=");
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      if (key) options.set(key, eq < 0 ? "" : stripQuotes(part.slice(eq + 1).trim()));
    }
    out.push({
      type: (options.get("type") ?? "bind").toLowerCase(),
      target: options.get("target") ?? options.get("dst") ?? options.get("destination"),
      from: options.get("from"),
      options,
      range: f.getRange(),
    });
  }
  return out;
}

/** True when a cache or tmpfs mount's target contains `fragment` (as hadolint matches it). */
export function hasCacheOrTmpfsMount(mounts: readonly RunMount[], fragment: string): boolean {
  return mounts.some((m) => (m.type === "cache" || m.type === "tmpfs") && m.target !== undefined && m.target.includes(fragment));
}

/** A COPY / ADD operand. */
export interface CopyOperand {
  /** The path with quotes removed. */
  value: string;
  /** Range of the operand as written (quotes included). */
  range: Range;
}

export interface CopyOperands {
  sources: CopyOperand[];
  dest: CopyOperand;
  isJsonForm: boolean;
  /** True for `COPY <<EOF …` (inline files): sources are heredoc names, not paths. */
  hasHeredoc: boolean;
}

/** Sources and destination of a COPY or ADD; undefined when there are fewer than two operands. */
export function copyOperands(ins: DockerInstruction, dockerfile: DockerfileModel): CopyOperands | undefined {
  let args = ins.ast.getArguments();
  // dockerfile-ast returns the words of heredoc bodies as arguments too: only the first line holds operands
  if (ins.heredocs.length > 0) args = args.filter((a) => a.getRange().start.line === ins.range.start.line);
  if (args.length === 0) return undefined;
  const first = args[0] as (typeof args)[number];
  const last = args[args.length - 1] as (typeof args)[number];
  const start = dockerfile.lines.offsetAt(first.getRange().start);
  const end = dockerfile.lines.offsetAt(last.getRange().end);
  const raw = dockerfile.text.slice(start, end);
  if (raw.startsWith("[")) {
    const operands = jsonOperands(raw, start, dockerfile);
    if (!operands || operands.length < 2) return undefined;
    return { sources: operands.slice(0, -1), dest: operands[operands.length - 1] as CopyOperand, isJsonForm: true, hasHeredoc: false };
  }
  const operands: CopyOperand[] = args.map((a) => ({ value: stripQuotes(a.getValue()), range: a.getRange() }));
  if (operands.length < 2) return undefined;
  return {
    sources: operands.slice(0, -1),
    dest: operands[operands.length - 1] as CopyOperand,
    isJsonForm: false,
    hasHeredoc: operands.some((o) => o.value.startsWith("<<")),
  };
}

/** Reads `["a", "b", "c"]` (possibly spread over continuation lines) into operands with ranges. */
function jsonOperands(raw: string, base: number, dockerfile: DockerfileModel): CopyOperand[] | undefined {
  const out: CopyOperand[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    let value: string;
    try {
      value = JSON.parse(m[0]) as string;
    } catch {
      return undefined;
    }
    out.push({ value, range: dockerfile.lines.rangeOf(base + m.index, base + m.index + m[0].length) });
  }
  return out;
}

/** Removes the quote characters at both ends (as hadolint's `dropQuotes` does). */
export function stripQuotes(v: string): string {
  return v.replace(/^["']+/, "").replace(/["']+$/, "");
}

/** The last path component (`/` and `\` both separate, for Windows paths). */
export function basename(path: string): string {
  const p = stripQuotes(path);
  const i = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return p.slice(i + 1);
}

/** File extensions of the (optionally compressed) tar archives ADD unpacks, as hadolint lists them. */
export const ARCHIVE_EXTENSIONS: readonly string[] = [
  ".tar",
  ".Z",
  ".bz2",
  ".gz",
  ".lz",
  ".lzma",
  ".tZ",
  ".tb2",
  ".tbz",
  ".tbz2",
  ".tgz",
  ".tlz",
  ".tpz",
  ".txz",
  ".xz",
];

/** True when the path ends with one of `ARCHIVE_EXTENSIONS` (quotes ignored). */
export function isArchivePath(path: string): boolean {
  const p = stripQuotes(path);
  return ARCHIVE_EXTENSIONS.some((ext) => p.endsWith(ext));
}
