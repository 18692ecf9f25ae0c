/**
 * Formatting for compose files that only touches layout: indentation (one width for every block level,
 * sequences indented under their key), the space after `:` and `-`, trailing whitespace, and single quotes
 * that can safely become double quotes. Comments, blank lines, anchors, tags, key order and every value
 * stay as written. The result is parsed again and compared with the original tree; if anything but layout
 * would change, no edit is returned.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node } from "yaml";
import { MAX_YAML_DEPTH, nestingTooDeep } from "../model/compose";
import { LineIndex, type TextEdit } from "../text";

export interface ComposeFormatOptions {
  /** Spaces per block level (YAML indents with spaces only). */
  tabSize: number;
  /** Turn 'single' into "double" quotes where that cannot change the value. */
  preferDoubleQuotes?: boolean;
}

/** Files past this size are left alone (formatting is a keystroke-time request). */
const MAX_FORMAT_CHARS = 1_000_000;

interface Level {
  /** Column in the original text (half columns mark sequences written at their key's column). */
  old: number;
  /** Column in the formatted text. */
  now: number;
  seq: boolean;
}

export function formatCompose(text: string, options: ComposeFormatOptions): TextEdit[] {
  const formatted = formatComposeText(text, options);
  if (formatted === undefined || formatted === text) return [];
  return lineEdits(text, formatted);
}

/** The formatted text, or undefined when the file cannot be formatted safely (syntax errors, too big). */
export function formatComposeText(text: string, options: ComposeFormatOptions): string | undefined {
  const tab = Math.max(1, Math.min(8, Math.floor(options.tabSize) || 2));
  if (text.length > MAX_FORMAT_CHARS || text.includes("\t") || nestingTooDeep(text, MAX_YAML_DEPTH) !== undefined) return undefined;
  const docs = parseAll(text);
  if (!docs) return undefined;
  const lines = new LineIndex(text);
  const eol = lines.eol;

  // lines that continue a multi-line scalar or flow collection: shifted with their first line, never re-indented
  const continuation = new Set<number>();
  const quoteEdits = new Map<number, { start: number; end: number; text: string }[]>();
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        spanLines(node, lines, continuation);
        if (options.preferDoubleQuotes !== false) {
          const q = doubleQuoted(node, text);
          if (q) {
            const line = lines.positionAt(q.start).line;
            const list = quoteEdits.get(line) ?? [];
            list.push(q);
            quoteEdits.set(line, list);
          }
        }
      },
      Map(_key, node) {
        if (node.flow) spanLines(node, lines, continuation);
      },
      Seq(_key, node) {
        if (node.flow) spanLines(node, lines, continuation);
      },
    });
  }

  const out: string[] = [];
  let stack: Level[] = [];
  let pending: { at: number; indent: number; fallback: number; body: string }[] = [];
  /** The shift of the last structural line, applied to its continuation lines. */
  let delta = 0;
  for (let l = 0; l < lines.lineCount; l++) {
    const raw = lines.lineText(l);
    const indent = raw.length - raw.trimStart().length;
    const body = raw.slice(indent);
    if (continuation.has(l)) {
      // block scalar bodies keep every character (trailing spaces are content); only the indentation moves
      out.push(shift(raw, delta));
      continue;
    }
    if (body === "") {
      out.push("");
      continue;
    }
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith("%")) {
      for (const c of pending) out[c.at] = " ".repeat(c.fallback) + c.body;
      pending = [];
      stack = [];
      delta = 0;
      out.push(raw.trimEnd());
      continue;
    }
    if (body.startsWith("#")) {
      // placed once the next line is: a comment at that line's column moves with it
      pending.push({ at: out.length, indent, fallback: commentColumn(stack, indent), body: body.trimEnd() });
      out.push("");
      continue;
    }
    // a structural line: `key: …`, `- …` (possibly `- - …`), or a bare scalar/flow line
    let rest = body;
    let col = indent;
    let prefix = "";
    let first = true;
    for (let guard = 0; guard < 64; guard++) {
      const dash = /^-( +|$)/.exec(rest);
      const now = place(stack, col, !!dash, tab, first);
      first = false;
      if (!dash) {
        prefix += " ".repeat(Math.max(0, now - prefix.length));
        delta = now - col;
        break;
      }
      prefix += " ".repeat(Math.max(0, now - prefix.length)) + "-";
      const after = rest.slice(dash[0].length);
      if (after === "" || after.startsWith("#")) {
        delta = now - col;
        rest = after ? " " + after : "";
        break;
      }
      prefix += " ";
      col += dash[0].length;
      rest = after;
    }
    for (const c of pending) out[c.at] = " ".repeat(c.indent === indent ? prefix.length - prefix.trimStart().length : c.fallback) + c.body;
    pending = [];
    let line = prefix + rest;
    line = fixQuotes(line, l, lines, quoteEdits, line.length - raw.length);
    out.push(normalizeColon(line).trimEnd());
  }
  for (const c of pending) out[c.at] = " ".repeat(c.fallback) + c.body;
  const result = out.join(eol);
  return sameTree(docs, result) ? result : undefined;
}

/**
 * The new column for an item at `col` and pushes/pops levels. A `- ` item at the column of a mapping key
 * (`key:\n- a`) is a sequence one level deeper than the key.
 */
function place(stack: Level[], col: number, dash: boolean, tab: number, lineStart: boolean): number {
  let old = col;
  if (dash) {
    while (stack.length && (stack[stack.length - 1] as Level).old > col + 0.5) stack.pop();
    const top = stack[stack.length - 1];
    if (top && (top.old === col + 0.5 || (top.old === col && !top.seq))) old = col + 0.5;
  }
  while (stack.length && (stack[stack.length - 1] as Level).old > old) stack.pop();
  const top = stack[stack.length - 1];
  if (top && top.old === old) return top.now;
  // content after `- ` sits two columns right of its dash, whatever the tab size
  const now = !top ? 0 : lineStart ? top.now + tab : top.now + (top.seq ? 2 : tab);
  stack.push({ old, now, seq: dash });
  return now;
}

/** A comment takes the column of the level it sits at, or keeps its place relative to the nearest one. */
function commentColumn(stack: Level[], col: number): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = stack[i] as Level;
    if (s.old <= col) return Math.max(0, col + (s.now - Math.floor(s.old)));
  }
  return 0;
}

function shift(raw: string, delta: number): string {
  if (delta === 0) return raw;
  if (delta > 0) return raw.trim() === "" ? raw : " ".repeat(delta) + raw;
  const indent = raw.length - raw.trimStart().length;
  return raw.slice(Math.min(indent, -delta));
}

/** `key:   value` and `key :value`-style gaps become `key: value` (only around plain keys, outside quotes). */
function normalizeColon(line: string): string {
  return line.replace(/^(\s*(?:- )*)([A-Za-z0-9_.$/-]+|"[^"\\]*"|'[^']*') *: {2,}(?=\S)/, "$1$2: ");
}

function spanLines(node: Node, lines: LineIndex, into: Set<number>): void {
  const r = node.range;
  if (!r) return;
  const first = lines.positionAt(r[0]).line;
  let last = lines.positionAt(r[1]).line;
  // a block scalar's range ends at the start of the next line
  if (r[1] > r[0] && lines.positionAt(r[1]).character === 0) last--;
  for (let l = first + 1; l <= last; l++) into.add(l);
}

/** 'text' as "text" when the value cannot change: one line, no backslash, no double quote, no '' escape. */
function doubleQuoted(node: { type?: string; range?: [number, number, number] | null }, text: string) {
  if (node.type !== "QUOTE_SINGLE" || !node.range) return undefined;
  const [start, end] = node.range;
  let stop = end;
  while (stop > start && text[stop - 1] !== "'") stop--;
  const src = text.slice(start, stop);
  if (src.length < 2 || !src.startsWith("'") || !src.endsWith("'")) return undefined;
  const inner = src.slice(1, -1);
  if (/["\\\n\r]|''/.test(inner)) return undefined;
  return { start, end: stop, text: `"${inner}"` };
}

function fixQuotes(
  line: string,
  l: number,
  lines: LineIndex,
  edits: Map<number, { start: number; end: number; text: string }[]>,
  shiftBy: number,
): string {
  const list = edits.get(l);
  if (!list) return line;
  const lineStart = lines.lineStart(l);
  let out = line;
  // right to left, so earlier columns stay valid
  for (const e of [...list].sort((a, b) => b.start - a.start)) {
    const s = e.start - lineStart + shiftBy;
    const t = e.end - lineStart + shiftBy;
    if (s < 0 || out.slice(s, t) !== `'${e.text.slice(1, -1)}'`) continue;
    out = out.slice(0, s) + e.text + out.slice(t);
  }
  return out;
}

function parseAll(text: string): Document.Parsed[] | undefined {
  try {
    const docs = parseAllDocuments(text, { merge: false, uniqueKeys: false, strict: false, prettyErrors: false });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
    return docs;
  } catch {
    return undefined;
  }
}

/** The trees of both texts agree on every key, value, tag, anchor and alias (bounded walk). */
function sameTree(before: Document.Parsed[], text: string): boolean {
  const after = parseAll(text);
  if (!after || after.length !== before.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a: string[] = [];
    const b: string[] = [];
    if (!shape((before[i] as Document.Parsed).contents, a) || !shape((after[i] as Document.Parsed).contents, b)) return false;
    if (a.length !== b.length || a.some((x, j) => x !== b[j])) return false;
  }
  return true;
}

function shape(root: unknown, out: string[]): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    if (out.length > 2_000_000) return false;
    const n = stack.pop();
    if (n === null || n === undefined) {
      out.push("~");
      continue;
    }
    if (isPair(n)) {
      stack.push(n.value, n.key);
      out.push("pair");
      continue;
    }
    const meta = n as { tag?: string; anchor?: string };
    out.push(`${meta.tag ?? ""}&${meta.anchor ?? ""}`);
    if (isAlias(n)) out.push(`*${n.source}`);
    else if (isScalar(n)) out.push(`${typeof n.value}:${String(n.value)}`);
    else if (isMap(n) || isSeq(n)) {
      out.push(`${isMap(n) ? "map" : "seq"}${n.items.length}`);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    } else return false;
  }
  return true;
}

/** One edit per changed line, so the cursor and folded regions stay where they were. */
function lineEdits(before: string, after: string): TextEdit[] {
  const a = before.split(/\r?\n|\r/);
  const b = after.split(/\r?\n|\r/);
  if (a.length !== b.length) {
    const end = new LineIndex(before).positionAt(before.length);
    return [{ range: { start: { line: 0, character: 0 }, end }, newText: after }];
  }
  const edits: TextEdit[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    edits.push({
      range: { start: { line: i, character: 0 }, end: { line: i, character: (a[i] as string).length } },
      newText: b[i] as string,
    });
  }
  return edits;
}
