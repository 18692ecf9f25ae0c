import { LineIndex, type Range } from "../text";

export interface IgnorePattern {
  /** The pattern without a leading `!`. */
  pattern: string;
  negated: boolean;
  line: number;
  range: Range;
}

/** A `.dockerignore` file: one pattern a line, `#` comments, `!` exceptions. */
export class DockerignoreModel {
  readonly lines: LineIndex;
  readonly patterns: IgnorePattern[] = [];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    for (let line = 0; line < this.lines.lineCount; line++) {
      const raw = this.lines.lineText(line);
      const trimmed = raw.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      const negated = trimmed.startsWith("!");
      const start = raw.indexOf(trimmed);
      this.patterns.push({
        pattern: (negated ? trimmed.slice(1) : trimmed).trim(),
        negated,
        line,
        range: { start: { line, character: start }, end: { line, character: start + trimmed.length } },
      });
    }
  }

  /**
   * True when a path relative to the context (e.g. `.env`, `.git/config`) is excluded.
   * Later patterns win, as Docker reads them.
   */
  excludes(relPath: string): boolean {
    let excluded = false;
    for (const p of this.patterns) {
      if (globMatches(p.pattern, relPath)) excluded = !p.negated;
    }
    return excluded;
  }
}

/**
 * Docker's pattern rules: `*` within a segment, `**` across segments, a match on a folder covers what is inside.
 * Matched without regular expressions, in time proportional to pattern × path: a pattern like `*a*a*a…b` made
 * a backtracking regex hang, and very long patterns exhausted the regex compiler's memory.
 */
export function globMatches(pattern: string, relPath: string): boolean {
  const clean = (s: string) => s.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  const pat = clean(pattern);
  const path = clean(relPath);
  if (pat === "" || pat === ".") return false;
  const n = path.length;
  // reach[i]: the pattern read so far can match path[0, i)
  let reach = new Uint8Array(n + 1);
  reach[0] = 1;
  for (let p = 0; p < pat.length; p++) {
    const c = pat[p] as string;
    const next = new Uint8Array(n + 1);
    if (c === "*" && pat[p + 1] === "*") {
      // `**` (and a `/` after it) matches anything, separators included
      p++;
      if (pat[p + 1] === "/") p++;
      for (let i = 0, any = 0; i <= n; i++) next[i] = any = any | (reach[i] as number);
    } else if (c === "*") {
      for (let i = 0; i <= n; i++) next[i] = reach[i] || (i > 0 && next[i - 1] && path[i - 1] !== "/") ? 1 : 0;
    } else {
      for (let i = 0; i < n; i++) if (reach[i] && (c === "?" ? path[i] !== "/" : path[i] === c)) next[i + 1] = 1;
    }
    reach = next;
  }
  // the whole path, or a folder that contains it
  for (let i = 0; i <= n; i++) if (reach[i] && (i === n || path[i] === "/")) return true;
  return false;
}
