/**
 * What yaml-language-server needs to see of a compose file for a hover or completion at one line.
 *
 * Its hover and completion validate the whole document against the schema and its completion clones the whole
 * document, per request: 250 ms and more on a 300-service file. What it answers at a position depends only on the
 * path to that position, so it is given the text with the bodies of the *other* services blanked out (their
 * lines kept as empty lines, so every line number and every character of the kept lines stay where they were).
 *
 * The scan is by lines and indentation, without parsing: the block-style `services:` mapping at the top level,
 * its entries at the first indentation under it. A service whose lines define an anchor (`&name`) is kept, since
 * a kept line may name it; anything this scan does not recognise (flow style, several documents, tabs) is given
 * whole.
 */
export interface SchemaWindow {
  text: string;
  /** Equal for equal windows of one text: the first and last blanked line of every blanked range. */
  key: string;
}

/** Blank out only when it saves this many lines; small files are given whole. */
const MIN_BLANKED_LINES = 200;

export function schemaWindow(text: string, line: number): SchemaWindow {
  const whole = { text, key: "whole" };
  const lines = text.split("\n");
  if (lines.length < MIN_BLANKED_LINES) return whole;
  // several documents: the scan reads one
  if (lines.some((l) => /^(---|\.\.\.)(\s|$)/.test(l))) return whole;
  const start = lines.findIndex((l) => /^services\s*:\s*(#.*)?\r?$/.test(l));
  if (start < 0) return whole;

  const indentOf = (l: string) => l.length - l.trimStart().length;
  const meaningful = (l: string) => l.trim() !== "" && !l.trimStart().startsWith("#");
  let end = lines.length;
  let childIndent = -1;
  const entries: { from: number; to: number }[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (!meaningful(l)) continue;
    if (/^\s*\t/.test(l)) return whole;
    const indent = indentOf(l);
    if (indent === 0) {
      end = i;
      break;
    }
    if (childIndent < 0) childIndent = indent;
    if (indent < childIndent) return whole;
    if (indent === childIndent) {
      const last = entries[entries.length - 1];
      if (last) last.to = i;
      entries.push({ from: i, to: i });
    }
  }
  const lastEntry = entries[entries.length - 1];
  if (lastEntry) lastEntry.to = end;

  const out = lines.slice();
  const blanked: string[] = [];
  let count = 0;
  for (const e of entries) {
    // [from, to): the entry's key line up to the next entry (or the end of `services`)
    if (e.from <= line && line < e.to) continue;
    const body = lines.slice(e.from, e.to);
    if (body.some((l) => /(^|[\s:\-[{,])&[^\s,[\]{}]/.test(l))) continue;
    for (let i = e.from; i < e.to; i++) out[i] = (lines[i] as string).endsWith("\r") ? "\r" : "";
    blanked.push(`${e.from}-${e.to}`);
    count += e.to - e.from;
  }
  if (count < MIN_BLANKED_LINES) return whole;
  return { text: out.join("\n"), key: blanked.join(",") };
}
