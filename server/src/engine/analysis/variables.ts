/**
 * `$NAME` and `${NAME…}` references in an instruction, found by scanning its text once. We do not use
 * dockerfile-ast's getVariables(): it resolves every variable against the whole file, which is
 * quadratic on long Dockerfiles, and it reports references inside single quotes that the builder
 * leaves alone.
 */
import type { DockerfileModel, DockerInstruction } from "../model/dockerfile";
import type { Range } from "../text";

export interface VariableRef {
  name: string;
  /** `$NAME` or `${NAME:-x}` as written. */
  range: Range;
  nameRange: Range;
  /** Offsets into the document. */
  start: number;
  end: number;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?` … when the reference has a modifier. */
  modifier?: string;
}

export interface ScanOptions {
  /** Skip references inside single quotes (true for the builder's own expansion). */
  skipSingleQuoted?: boolean;
  /** Only scan the instruction's first line (heredoc bodies are not expanded by the builder). */
  firstLineOnly?: boolean;
}

export function variableRefs(dockerfile: DockerfileModel, ins: DockerInstruction, options: ScanOptions = {}): VariableRef[] {
  const lines = dockerfile.lines;
  // from the keyword on, so flags (`--platform=$X`, `--mount=…`) are included
  const from = lines.offsetAt(ins.keywordRange.end);
  const to = options.firstLineOnly ? lines.lineEnd(ins.range.start.line) : lines.offsetAt(ins.range.end);
  return scanVariables(dockerfile.text, from, Math.max(from, to), dockerfile.escape, options.skipSingleQuoted ?? true).map((r) => ({
    ...r,
    range: lines.rangeOf(r.start, r.end),
    nameRange: lines.rangeOf(r.nameStart, r.nameStart + r.name.length),
  }));
}

interface RawRef {
  name: string;
  start: number;
  end: number;
  nameStart: number;
  modifier?: string;
}

export function scanVariables(text: string, from: number, to: number, escape: string, skipSingleQuoted: boolean): RawRef[] {
  const out: RawRef[] = [];
  let inDouble = false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (c === "'" && !inDouble && skipSingleQuoted) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close > to ? to : close;
      continue;
    }
    if (c !== "$") continue;
    if (text[i + 1] === "{") {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?]|[#%/]{1,2})?/.exec(text.slice(i, Math.min(to, i + 200)));
      if (!m) continue;
      // find the closing brace, allowing nested ${…} in the word
      let depth = 0;
      let j = i + 1;
      for (; j < to; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      out.push({ name: m[1] as string, start: i, end: Math.min(j + 1, to), nameStart: i + 2, modifier: m[2] });
      // references inside the default word are scanned too
      i += 1 + (m[1] as string).length;
    } else {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, Math.min(to, i + 200)));
      if (!m) continue;
      out.push({ name: m[1] as string, start: i, end: i + m[0].length, nameStart: i + 1 });
      i += m[0].length - 1;
    }
  }
  return out;
}
