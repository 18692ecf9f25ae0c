/** Positions are 0-based and count UTF-16 code units, exactly as LSP does. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: pos(startLine, startChar), end: pos(endLine, endChar) };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, p: Position): boolean {
  return comparePositions(outer.start, p) <= 0 && comparePositions(p, outer.end) <= 0;
}

/**
 * Line breaks: LF, CRLF and a lone CR, as YAML 1.2, LSP and SARIF all count them. This is the one mapping
 * from offsets to lines and UTF-16 columns: the server's diagnostics, the CLI's line:column and SARIF regions
 * all come from LineIndex.
 */
export const LINE_BREAK = /\r\n|\r|\n/;

/** The lines of a text, split exactly where LineIndex starts a new line. */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/**
 * The text with every lone CR turned into LF: same length, same offsets, same lines, for parsers that know only
 * LF and CRLF (the `yaml` package does not take a lone CR as a line break, which YAML 1.2 and Compose do).
 */
export function loneCrToLf(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

/** Maps between offsets and line/character positions for one text (line breaks: LINE_BREAK). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] as number) };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const start = this.starts[p.line] as number;
    const end = this.lineEnd(p.line);
    return Math.min(start + Math.max(0, p.character), end);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] as number;
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = (this.starts[line + 1] as number) - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line break the file uses (its first one), so fixes keep CRLF files CRLF and CR files CR. */
  get eol(): string {
    const m = LINE_BREAK.exec(this.text);
    return m ? m[0] : "\n";
  }
}

/**
 * Joins insertions at the same position into one edit, in their order (a fix that adds a service's `secrets:` and
 * the top-level `secrets:` at the end of a file inserts twice there); other edits are kept as they are.
 */
export function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const at = new Map<string, number>();
  for (const e of edits) {
    const empty = comparePositions(e.range.start, e.range.end) === 0;
    const key = `${e.range.start.line}:${e.range.start.character}`;
    const previous = empty ? at.get(key) : undefined;
    if (previous !== undefined) {
      const p = out[previous] as TextEdit;
      out[previous] = { range: p.range, newText: p.newText + e.newText };
      continue;
    }
    if (empty) at.set(key, out.length);
    out.push(e);
  }
  return out;
}

/** Applies non-overlapping edits; overlapping later edits are dropped (first wins). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const resolved = edits
    .map((e, order) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = "";
  let cursor = 0;
  for (const e of resolved) {
    if (e.start < cursor) continue;
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}
