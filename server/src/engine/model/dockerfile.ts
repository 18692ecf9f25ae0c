import { type Argument, type Dockerfile, type Instruction, type Flag, type Heredoc } from "dockerfile-ast";
import { parseDockerfile } from "./dockerfileParse";
import { LineIndex, type Range } from "../text";
import type { BaseImageEntry } from "../knowledge/baseImages";
import type { WorkspaceFs } from "../types";
import { expandVariables, parseImageRef, removeQuotes, type ImageRef } from "./imageRef";
import { parseShell, type ShellCommand, type ShellWord } from "./shell";

export type StageRole = "final" | "builder" | "dev";

export interface DockerInstruction {
  /** Upper-case keyword (`RUN`, `FROM` …). */
  keyword: string;
  /** The keyword exactly as written (for casing checks). */
  keywordAsWritten: string;
  ast: Instruction;
  range: Range;
  keywordRange: Range;
  /** Arguments with line continuations removed; "" when none. */
  argsText: string;
  argsRange: Range | null;
  flags: Flag[];
  /** The stage it belongs to; undefined for ARGs before the first FROM. */
  stage: Stage | undefined;
  /** JSON (exec) form for RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD. */
  isExecForm: boolean;
  /** Exec-form strings, when `isExecForm`. */
  jsonArgs: string[] | undefined;
  heredocs: Heredoc[];
}

export interface Stage {
  index: number;
  /** Stage name as written (`AS builder`); undefined when unnamed. */
  name: string | undefined;
  nameRange: Range | undefined;
  from: DockerInstruction;
  /** The base image, with global ARG defaults expanded. */
  image: ImageRef;
  imageRange: Range | null;
  /** The earlier stage this one builds on (`FROM builder AS runtime`). */
  parent: Stage | undefined;
  /** Instructions after FROM, in order. */
  instructions: DockerInstruction[];
  isFinal: boolean;
  /** `dev` for stages named dev/development/debug/test… (or in a dev Dockerfile), `final` for the last, else `builder`. */
  role: StageRole;
}

const DEV_STAGE = /^(dev|develop|development|debug|test|tests|testing|local|ci)([-_.].*)?$/i;
const DEV_FILE = /(^|[._-])(dev|develop|development|debug|local|test)([._-]|$)/i;

export function isDevStageName(name: string | undefined): boolean {
  return name !== undefined && DEV_STAGE.test(name);
}

/** Folders that hold development-only Dockerfiles: `.devcontainer/`, `docker/dev/`, `compose/local/django/`. */
const DEV_DIR = /^(\.?devcontainer|dev|development|local)$/i;
/** Folders whose child named `dev` or `local` says nothing about the Dockerfile (`/home/dev/…`, `/usr/local/…`). */
const NOT_A_DEV_PARENT = /^(home|users|usr)$/i;

/**
 * True for a development Dockerfile: by its name (`Dockerfile.dev`, `app.local.Dockerfile`), or by one of the two
 * folders above it (`.devcontainer/Dockerfile`, `docker/dev/Dockerfile`, `compose/local/django/Dockerfile`).
 */
export function isDevDockerfilePath(path: string): boolean {
  const parts = path.replace(/\\/g, "/").split("/");
  const base = parts.pop() ?? "";
  if (DEV_FILE.test(base.replace(/dockerfile/i, ""))) return true;
  for (let i = Math.max(0, parts.length - 2); i < parts.length; i++) {
    if (DEV_DIR.test(parts[i] ?? "") && !NOT_A_DEV_PARENT.test(parts[i - 1] ?? "")) return true;
  }
  return false;
}

/**
 * Names of a production variant beside a plain `Dockerfile` (`prod.Dockerfile`, `Dockerfile.prod` …): when one of
 * them exists, the plain `Dockerfile` in that folder is the development variant (what a local compose file builds).
 */
export function productionTwinNames(path: string): string[] {
  const parts = path.replace(/\\/g, "/").split("/");
  const base = parts.pop() ?? "";
  if (base !== "Dockerfile") return [];
  const dir = parts.join("/");
  return ["prod.Dockerfile", "production.Dockerfile", "Dockerfile.prod", "Dockerfile.production"].map((n) => `${dir}/${n}`);
}

const JSON_FORM = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL"]);

export class DockerfileModel {
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
  readonly escape: string;
  readonly instructions: DockerInstruction[] = [];
  /** ARG instructions before the first FROM. */
  readonly globalArgs: DockerInstruction[] = [];
  /** Defaults of the global ARGs, used to expand FROM lines. */
  readonly globalArgDefaults = new Map<string, string>();
  readonly stages: Stage[] = [];
  /** Base images the user described in `.shipshape.json` (consulted before the built-in table). */
  imageTable: readonly BaseImageEntry[] = [];
  /** The workspace the file was linted in, when there is one: the build context is read from it (analysis/buildContext). */
  workspace: WorkspaceFs | undefined;
  /** True when the file name says it is for development (`Dockerfile.dev`, `app.dev.Dockerfile`). */
  readonly isDevFile: boolean;
  private readonly shellCache = new Map<DockerInstruction, ShellCommand[]>();

  /**
   * `options.hasProductionTwin`: the folder also holds the production variant of this file (`prod.Dockerfile`
   * beside a plain `Dockerfile`), so this one is the development variant; see `productionTwinNames`.
   * `options.composeWatch`: a compose file builds it for a service with `develop.watch` (analysis/composeWatch.ts),
   * which makes it a development image too.
   */
  constructor(
    readonly path: string,
    readonly text: string,
    options: { hasProductionTwin?: boolean; composeWatch?: boolean } = {},
  ) {
    this.lines = new LineIndex(text);
    this.ast = parseDockerfile(text);
    this.escape = this.ast.getEscapeCharacter();
    this.isDevFile = isDevDockerfilePath(path) || options.hasProductionTwin === true || options.composeWatch === true;
    let current: Stage | undefined;
    for (const ast of this.ast.getInstructions()) {
      const keyword = ast.getKeyword().toUpperCase();
      // dockerfile-ast tokenizes the instruction again on every getArguments() call, and its ranges, content, flags,
      // heredocs and properties are all built on that call; the answer only depends on the text, so keep the first
      // one (a copy each time: callers may change the array they get)
      const args = ast.getArguments();
      ast.getArguments = () => args.slice();
      // the same for what dockerfile-language-service asks of every instruction on each request (it shares this
      // tree: see dockerfileParse.ts), computed on first use
      for (const method of ["getRawArguments", "getVariables", "getProperties"]) keepFirstAnswer(ast, method);
      const flags =
        "getFlags" in ast && typeof (ast as { getFlags?: unknown }).getFlags === "function"
          ? (ast as unknown as { getFlags(): Flag[] }).getFlags()
          : [];
      let isExecForm = false;
      let jsonArgs: string[] | undefined;
      if (JSON_FORM.has(keyword)) {
        const j = ast as unknown as {
          getOpeningBracket?(): unknown;
          getJSONStrings?(): { getJSONValue(): string }[];
          getClosingBracket?(): unknown;
        };
        if (j.getOpeningBracket?.() && j.getClosingBracket?.()) {
          isExecForm = true;
          // getJSONValue() drops the spaces inside a string (dockerfile-ast 0.7.1), so decode the raw text
          jsonArgs = (j.getJSONStrings?.() ?? []).map((s) => {
            const r = (s as unknown as { getRange(): Range }).getRange();
            return jsonString(text.slice(this.lines.offsetAt(r.start), this.lines.offsetAt(r.end)), s.getJSONValue());
          });
        }
      }
      const heredocs =
        // getHeredocs() re-reads the arguments; most instructions have no `<<` at all
        "getHeredocs" in ast &&
        typeof (ast as unknown as { getHeredocs?: unknown }).getHeredocs === "function" &&
        rangeText(text, this.lines, ast.getRange()).includes("<<")
          ? safe(() => (ast as unknown as { getHeredocs(): Heredoc[] }).getHeredocs(), [])
          : [];
      const ins: DockerInstruction = {
        keyword,
        keywordAsWritten: ast.getInstruction(),
        ast,
        range: ast.getRange(),
        keywordRange: ast.getInstructionRange(),
        argsText: ast.getArgumentsContent() ?? "",
        argsRange: argsRangeOf(args),
        flags,
        stage: undefined,
        isExecForm,
        jsonArgs,
        heredocs,
      };
      if (keyword === "FROM") {
        current = this.makeStage(ins, this.stages.length);
        this.stages.push(current);
      } else if (current) {
        ins.stage = current;
        current.instructions.push(ins);
      } else if (keyword === "ARG") {
        this.globalArgs.push(ins);
        for (const a of ast.getArguments()) {
          const v = a.getValue();
          const eq = v.indexOf("=");
          if (eq > 0) this.globalArgDefaults.set(v.slice(0, eq), stripQuotes(v.slice(eq + 1)));
          else if (!this.globalArgDefaults.has(v)) this.globalArgDefaults.set(v, "");
        }
      }
      this.instructions.push(ins);
    }
    const last = this.stages[this.stages.length - 1];
    if (last) last.isFinal = true;
    for (const s of this.stages) {
      s.role = this.isDevFile || isDevStageName(s.name) ? "dev" : s.isFinal ? "final" : "builder";
    }
  }

  private makeStage(from: DockerInstruction, index: number): Stage {
    const ast = from.ast as unknown as {
      getImage(): string | null;
      getImageRange(): Range | null;
      getBuildStage(): string | null;
      getBuildStageRange(): Range | null;
    };
    const imageText = safe(() => ast.getImage(), null) ?? "";
    const expanded = removeQuotes(expandVariables(imageText, this.globalArgDefaults));
    const image = parseImageRef(expanded);
    const name = safe(() => ast.getBuildStage(), null) ?? undefined;
    const lower = image.raw.toLowerCase();
    const parent =
      this.stages.find((s) => s.name !== undefined && s.name.toLowerCase() === lower) ??
      (/^\d+$/.test(lower) ? this.stages[Number(lower)] : undefined);
    const stage: Stage = {
      index,
      name,
      nameRange: safe(() => ast.getBuildStageRange(), null) ?? undefined,
      from,
      image,
      imageRange: safe(() => ast.getImageRange(), null),
      parent,
      instructions: [],
      isFinal: false,
      role: "builder",
    };
    from.stage = stage;
    return stage;
  }

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  stageByName(name: string): Stage | undefined {
    const lower = name.toLowerCase();
    return this.stages.find((s) => s.name?.toLowerCase() === lower) ?? (/^\d+$/.test(name) ? this.stages[Number(name)] : undefined);
  }

  /** The stage and the stages it builds on, nearest first (`FROM base AS runtime` -> [runtime, base]). */
  lineage(stage: Stage): Stage[] {
    const out: Stage[] = [];
    // a Set, not out.includes(): a long FROM chain made every lineage() call quadratic
    const seen = new Set<Stage>();
    let s: Stage | undefined = stage;
    while (s && !seen.has(s) && out.length <= this.stages.length) {
      out.push(s);
      seen.add(s);
      s = s.parent;
    }
    return out;
  }

  /** The root external image a stage starts from, following `FROM <stage>` links. */
  rootImage(stage: Stage): ImageRef {
    const chain = this.lineage(stage);
    return (chain[chain.length - 1] as Stage).image;
  }

  /** Shell commands of a RUN (shell or exec form, heredoc bodies included), with offsets into the document. */
  shellCommands(ins: DockerInstruction): ShellCommand[] {
    const cached = this.shellCache.get(ins);
    if (cached) return cached;
    let result: ShellCommand[] = [];
    if (ins.isExecForm) {
      const strings = (ins.ast as unknown as { getJSONStrings(): { getJSONValue(): string; getRange(): Range }[] }).getJSONStrings();
      const words: ShellWord[] = strings.map((s) => {
        const r = s.getRange();
        const start = this.lines.offsetAt(r.start);
        const end = this.lines.offsetAt(r.end);
        return { value: jsonString(this.text.slice(start, end), s.getJSONValue()), start, end, quoted: true };
      });
      // ["sh","-c","..."] runs a script: read the script itself
      if (words.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test((words[0] as ShellWord).value) && (words[1] as ShellWord).value === "-c") {
        const script = words[2] as ShellWord;
        result = parseShell(script.value, { offset: script.start + 1 });
      } else if (words.length > 0) {
        result = [{ assignments: [], words, start: (words[0] as ShellWord).start, end: (words[words.length - 1] as ShellWord).end }];
      }
    } else {
      const args = ins.ast.getArguments();
      const first = args[0];
      if (first) {
        const start = this.lines.offsetAt(first.getRange().start);
        // with heredocs, the command line is the first line only; the bodies are read below
        const end = ins.heredocs.length > 0 ? this.lines.lineEnd(first.getRange().start.line) : this.lines.offsetAt(ins.range.end);
        // offsets come out shifted to the document (no second copy of every word)
        // a command is copied only when it has heredoc words to drop: a copy made by spreading gets a hidden class of
        // its own, and the memos kept on commands (programOf) cost far more on such objects
        result = parseShell(this.text.slice(start, end), { escape: this.escape, offset: start })
          .map((c) =>
            c.words.some((w) => w.value.startsWith("<<")) ? { ...c, words: c.words.filter((w) => !w.value.startsWith("<<")) } : c,
          )
          .filter((c) => c.words.length > 0 || c.assignments.length > 0);
      }
      for (const h of ins.heredocs) {
        const cr = safe(() => h.getContentRange(), null);
        if (!cr) continue;
        const start = this.lines.offsetAt(cr.start);
        const end = this.lines.offsetAt(cr.end);
        result = result.concat(parseShell(this.text.slice(start, end), { offset: start }));
      }
    }
    this.shellCache.set(ins, result);
    return result;
  }

  /** Document range of a shell word returned by `shellCommands`. */
  wordRange(w: { start: number; end: number }): Range {
    return this.lines.rangeOf(w.start, w.end);
  }

  /** The line range a finding on an instruction's keyword should use. */
  keywordLineRange(ins: DockerInstruction): Range {
    return ins.keywordRange;
  }

  /** Instructions in a stage with the given keyword. */
  instructionsOf(stage: Stage, keyword: string): DockerInstruction[] {
    return stage.instructions.filter((i) => i.keyword === keyword);
  }

  flag(ins: DockerInstruction, name: string): Flag | undefined {
    return ins.flags.find((f) => f.getName().toLowerCase() === name);
  }
}

function jsonString(raw: string, fallback: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === "string" ? v : fallback;
  } catch {
    return fallback;
  }
}

/** What `getArgumentsRange()` answers, from arguments already read. */
function argsRangeOf(args: readonly Argument[]): Range | null {
  const first = args[0];
  const last = args[args.length - 1];
  return first && last ? { start: first.getRange().start, end: last.getRange().end } : null;
}

function stripQuotes(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function rangeText(text: string, lines: LineIndex, r: Range): string {
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

/** Replaces a method that returns an array depending on the text alone by one that computes it once (lazily). */
function keepFirstAnswer(target: object, method: string): void {
  const original = (target as Record<string, unknown>)[method];
  if (typeof original !== "function") return;
  let kept: unknown[] | undefined;
  (target as Record<string, unknown>)[method] = () => (kept ??= (original as () => unknown[]).call(target)).slice();
}
