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

/** Docker's pattern rules: `*` within a segment, `**` across segments, a match on a folder covers what is inside. */
export function globMatches(pattern: string, relPath: string): boolean {
  const clean = (s: string) => s.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  const pat = clean(pattern);
  const path = clean(relPath);
  if (pat === "" || pat === ".") return false;
  let re = "";
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i] as string;
    if (c === "*") {
      if (pat[i + 1] === "*") {
        re += ".*";
        i++;
        if (pat[i + 1] === "/") i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}(/.*)?$`).test(path);
}
