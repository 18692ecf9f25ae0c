import { isSeq, visit, type Node } from "yaml";
import { ComposeFileModel } from "./model/compose";
import { DockerfileModel } from "./model/dockerfile";
import type { AnyRule } from "./rule";
import type { LineIndex, Position, TextEdit } from "./text";

/**
 * Comments that turn findings off:
 * - `# shipshape-ignore [rule-id, …] [-- reason]`: the next instruction / YAML block (all rules when none named)
 * - `# shipshape-ignore-file [rule-id, …] [-- reason]`: the whole file
 * - `# hadolint ignore=DL3006,DL3008` (next instruction) and `# hadolint global ignore=…` (file)
 * - `# check=skip=JSONArgsRecommended,…` or `# check=skip=all` (BuildKit): in the parser-directive block at the top
 *   of a Dockerfile, the whole file; in the comments right above an instruction, that instruction (above a FROM,
 *   its whole stage), as `docker build --check` does. Elsewhere a `# check=` comment silences nothing.
 * - `# dclint disable[-next-line|-line] [rule …]` (dclint, compose)
 * Peer ids reach our rules through each rule's `equivalents`.
 */
export interface Suppressions {
  isSuppressed(rule: AnyRule, line: number): boolean;
}

interface Entry {
  /** Our rule ids or peer ids (`hadolint:DL3006`); empty = every rule. */
  ids: string[];
  fromLine: number;
  toLine: number;
}

/** BuildKit's check settings from a Dockerfile's parser-directive block. */
export interface CheckDirective {
  /** Line of the `# check=` directive (0-based). */
  line: number;
  skipAll: boolean;
  skip: string[];
  experimentalAll: boolean;
  experimental: string[];
}

/** BuildKit checks that run only when `# check=experimental=<name>|all` asks for them. */
export const BUILDKIT_EXPERIMENTAL_CHECKS: readonly string[] = ["InvalidDefinitionDescription"];

/** Our own comment, as read (the text after `#`): `shipshape-ignore[-file] [ids] [-- reason]`. */
const SHIPSHAPE_IGNORE = /^shipshape-ignore(-file)?\b\s*(.*)$/;

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * The parser-directive block: the first lines of the file (after a byte-order mark and a `#!` line), each `#key=value`
 * for a key BuildKit knows (syntax, escape, check). The first other line (an instruction, any other comment, an empty
 * line) ends it.
 */
export function directiveBlockEnd(lines: LineIndex, maxLines = 50): number {
  let line = 0;
  const first = lines.lineCount > 0 ? lines.lineText(0).replace(/^\uFEFF/, "") : "";
  if (first.startsWith("#!")) line = 1;
  for (; line < Math.min(lines.lineCount, maxLines); line++) {
    const text = (line === 0 ? lines.lineText(0).replace(/^\uFEFF/, "") : lines.lineText(line)).replace(/\r$/, "");
    const m = DIRECTIVE.exec(text);
    if (!m || !["syntax", "escape", "check"].includes((m[1] as string).toLowerCase())) break;
  }
  return line;
}

/** `skip=…;experimental=…;error=…` as BuildKit reads it; undefined when malformed (BuildKit then ignores it). */
function parseCheckValue(value: string, line: number): CheckDirective | undefined {
  const out: CheckDirective = { line, skipAll: false, skip: [], experimentalAll: false, experimental: [] };
  const v = value.trim();
  if (v === "") return out;
  for (const part of v.split(";").slice(0, 3)) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    const names = val
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
    if (key === "skip") {
      if (val === "all") out.skipAll = true;
      else out.skip = names;
    } else if (key === "experimental") {
      if (val === "all") out.experimentalAll = true;
      else out.experimental = names;
    } else if (key !== "error") return undefined;
  }
  return out;
}

/** The file-wide `# check=` directive of a Dockerfile, if its directive block has one. */
export function fileCheckDirective(lines: LineIndex): CheckDirective | undefined {
  const end = directiveBlockEnd(lines);
  for (let line = 0; line < end; line++) {
    const m = DIRECTIVE.exec(
      lines
        .lineText(line)
        .replace(/^\uFEFF/, "")
        .replace(/\r$/, ""),
    );
    if (m && (m[1] as string).toLowerCase() === "check") return parseCheckValue(m[2] as string, line);
  }
  return undefined;
}

/** True when a BuildKit experimental check that this rule covers is switched on by the file's directive. */
export function experimentalEnabled(rule: AnyRule, directive: CheckDirective | undefined): boolean {
  if (!directive) return false;
  return rule.meta.equivalents.some((e) => {
    if (!e.startsWith("buildkit:")) return false;
    const name = e.slice("buildkit:".length);
    if (!BUILDKIT_EXPERIMENTAL_CHECKS.includes(name)) return false;
    return directive.experimentalAll || directive.experimental.includes(name);
  });
}

/**
 * @param checkScopeEnd For Dockerfiles: the last line a `# check=` comment right above `line`'s instruction covers
 *   (the instruction, or the whole stage for a FROM). Without it, `# check=` comments are not read.
 */
export function parseSuppressions(
  lines: LineIndex,
  unitEndLine: (line: number) => number,
  maxLines = 200_000,
  checkScopeEnd?: (line: number) => number,
): Suppressions {
  const entries: Entry[] = [];
  const count = Math.min(lines.lineCount, maxLines);
  if (checkScopeEnd) {
    const top = fileCheckDirective(lines);
    if (top && checkIds(top).length) entries.push({ ids: checkIds(top), fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
  }
  const blockEnd = checkScopeEnd ? directiveBlockEnd(lines) : 0;
  // nextCodeLine's memo: every line from nextCodeKnownFrom up to (not including) nextCodeKnown is blank or a comment
  let nextCodeKnownFrom = -1;
  let nextCodeKnown = -2;
  /** The first `# check=` comment of the current run of comments (an empty `#` starts a new run). */
  let pendingCheck: CheckDirective | undefined;
  for (let line = 0; line < count; line++) {
    if (!checkScopeEnd) {
      // only comment lines matter here: go straight to the next line with a `#` (no substring per line)
      const hashAt = lines.text.indexOf("#", lines.lineStart(line));
      if (hashAt < 0) break;
      const hashLine = lines.positionAt(hashAt).line;
      if (hashLine > line) {
        line = hashLine - 1;
        continue;
      }
    }
    const text = lines.lineText(line);
    if (checkScopeEnd) {
      const t = text.trim();
      if (t === "#") pendingCheck = undefined;
      else if (t !== "" && !t.startsWith("#")) {
        if (pendingCheck) {
          const ids = checkIds(pendingCheck);
          if (ids.length) entries.push({ ids, fromLine: line, toLine: Math.max(line, checkScopeEnd(line)) });
          pendingCheck = undefined;
        }
      }
    }
    const hash = text.indexOf("#");
    if (hash < 0) continue;
    const before = text.slice(0, hash).trim();
    const comment = text.slice(hash + 1).trim();
    const trailing = before !== "";
    if (trailing && !/^(shipshape-ignore|dclint)/.test(comment)) continue;

    let m: RegExpExecArray | null;
    if ((m = SHIPSHAPE_IGNORE.exec(comment))) {
      const ids = splitIds((m[2] ?? "").split("--")[0] as string);
      if (m[1]) entries.push({ ids, fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else if (trailing) entries.push({ ids, fromLine: line, toLine: line });
      else pushNext(entries, ids, line);
    } else if ((m = /^hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/i.exec(comment))) {
      const ids = splitIds(m[2] as string).map((id) => `hadolint:${id.toUpperCase()}`);
      if (m[1]) entries.push({ ids, fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else pushNext(entries, ids, line);
    } else if ((m = /^check\s*=\s*(.*)$/.exec(comment))) {
      if (checkScopeEnd && line >= blockEnd && !pendingCheck) {
        // BuildKit reads the value up to the first space, so `# check=skip=X // why` works
        pendingCheck = parseCheckValue((m[1] as string).trim().split(/\s/)[0] as string, line);
      }
    } else if ((m = /^dclint\s+(disable-next-line|disable-line|disable)\b\s*(.*)$/i.exec(comment))) {
      const ids = splitIds(m[2] as string).map((id) => `dclint:${id}`);
      const which = (m[1] as string).toLowerCase();
      if (which === "disable") entries.push({ ids: ids.length ? ids : ["dclint:*"], fromLine: 0, toLine: Number.MAX_SAFE_INTEGER });
      else if (which === "disable-line") entries.push({ ids: ids.length ? ids : ["dclint:*"], fromLine: line, toLine: line });
      else pushNext(entries, ids.length ? ids : ["dclint:*"], line);
    }

    function pushNext(list: Entry[], ids: string[], at: number) {
      const next = nextCodeLine(at + 1);
      if (next < count) list.push({ ids, fromLine: next, toLine: Math.max(next, unitEndLine(next)) });
    }
  }

  /**
   * The first line at or after `from` that is neither blank nor a comment. Remembered per run of comment lines, so
   * thousands of ignore comments in a row are read once, not once per comment.
   */
  function nextCodeLine(from: number): number {
    if (from >= nextCodeKnownFrom && from <= nextCodeKnown) return nextCodeKnown;
    let next = from;
    while (next < count && /^\s*(#.*)?$/.test(lines.lineText(next))) next++;
    nextCodeKnownFrom = from;
    nextCodeKnown = next;
    return next;
  }

  return {
    isSuppressed(rule, line) {
      for (const e of entries) {
        if (line < e.fromLine || line > e.toLine) continue;
        if (e.ids.length === 0) return true;
        for (const id of e.ids) {
          if (id === rule.meta.id) return true;
          if (id.endsWith(":*")) {
            const tool = id.slice(0, -1);
            if (rule.meta.equivalents.some((q) => q.startsWith(tool))) return true;
          } else if (rule.meta.equivalents.some((q) => q.toLowerCase() === id.toLowerCase())) return true;
        }
      }
      return false;
    },
  };
}

function checkIds(d: CheckDirective): string[] {
  return d.skipAll ? ["buildkit:*"] : d.skip.map((n) => `buildkit:${n}`);
}

function splitIds(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

// ---- writing: the comment the "Suppress" quick fix adds, read back by parseSuppressions above ----

/**
 * The line a `# shipshape-ignore` comment goes above so that it covers a finding at `at`:
 * - Dockerfile: the first line of the instruction (a comment inside a continued instruction would not count);
 * - compose: the line of the innermost key or sequence item holding the finding, so the comment never lands
 *   inside a block scalar or a multi-line value.
 * Computed when a code action is asked for (not per finding at lint time: that would be quadratic on big files).
 */
export function suppressionAnchor(
  model: DockerfileModel | ComposeFileModel | undefined,
  lines: LineIndex,
  at: Position,
  scope?: "file",
): { line: number; indent: string; file?: true } {
  // a finding about the whole file: a file-wide comment at the top (below a Dockerfile's parser directives, which
  // must stay first)
  if (scope === "file") return { line: model instanceof DockerfileModel ? directiveBlockEnd(lines) : 0, indent: "", file: true };
  let line = at.line;
  if (model instanceof DockerfileModel) {
    // instructions are in document order: the last one starting at or before the line
    const list = model.instructions;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as (typeof list)[number]).range.start.line <= at.line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const ins = list[found];
    if (ins && at.line <= ins.range.end.line) line = ins.range.start.line;
  } else if (model instanceof ComposeFileModel) {
    const offset = lines.offsetAt(at);
    let best = -1;
    const consider = (start: number | undefined) => {
      if (start !== undefined && start <= offset && start > best) best = start;
    };
    const contains = (n: Node | null | undefined) => !!n?.range && n.range[0] <= offset && offset <= n.range[2];
    visit(model.doc, {
      Pair(_, pair) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && key.range[0] <= offset && offset <= (value?.range?.[2] ?? key.range[2])) consider(key.range[0]);
      },
      Seq(_, seq) {
        if (!contains(seq) || !isSeq(seq)) return;
        for (const item of seq.items as (Node | null)[]) if (contains(item)) consider(item?.range?.[0]);
      },
    });
    if (best >= 0) line = lines.positionAt(best).line;
  }
  const text = line < lines.lineCount ? lines.lineText(line) : "";
  return { line, indent: /^[ \t]*/.exec(text)?.[0] ?? "" };
}

/**
 * The edit that suppresses `ruleId` at `anchor` (from suppressionAnchor): `# shipshape-ignore-file <id>` for a finding
 * about the whole file; else a `# shipshape-ignore <id>` line above it,
 * or the id added to a `# shipshape-ignore` comment already on the line above when that names rules and gives no
 * reason (one with a reason, or one naming no rule, is left alone: a new line goes below it).
 */
export function suppressionEdit(lines: LineIndex, anchor: { line: number; indent: string; file?: true }, ruleId: string): TextEdit {
  if (anchor.file) {
    const at = { line: anchor.line, character: 0 };
    return { range: { start: at, end: at }, newText: `# shipshape-ignore-file ${ruleId}${lines.eol}` };
  }
  const above = anchor.line - 1;
  const prev = above >= 0 ? lines.lineText(above) : "";
  const hash = prev.indexOf("#");
  const m = hash >= 0 && prev.slice(0, hash).trim() === "" ? SHIPSHAPE_IGNORE.exec(prev.slice(hash + 1).trim()) : null;
  if (m && !m[1] && !(m[2] ?? "").includes("--") && splitIds(m[2] ?? "").length > 0) {
    const end = { line: above, character: prev.trimEnd().length };
    return { range: { start: end, end }, newText: ` ${ruleId}` };
  }
  const at = { line: anchor.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${anchor.indent}# shipshape-ignore ${ruleId}${lines.eol}` };
}
