import type { LineIndex } from "./text";
import type { Finding } from "./types";

/**
 * Docker's Dockerfile parser reads a line up to LF and drops one CR before it (so CRLF is a line break), but a
 * lone CR (old Mac OS line breaks, some generators) is not: `docker build` reads the text on both sides of it as
 * one line, so the instructions run together and the build fails or does something else. Editors, LSP and
 * SARIF count a lone CR as a line break, so positions stay as the editor shows them; this finding says what
 * Docker will see. (Compose files are YAML, where a lone CR is a line break: no finding there.)
 */
export const LINE_BREAKS_RULE_ID = "shipshape/line-breaks";

/** The finding for a Dockerfile with a lone CR before more text on the same LF-line; undefined when there is none. */
export function dockerfileLoneCrFinding(path: string, text: string, lines: LineIndex): Finding | undefined {
  let first = -1;
  let count = 0;
  for (let i = text.indexOf("\r"); i >= 0 && i < text.length; i = text.indexOf("\r", i + 1)) {
    if (text.charCodeAt(i + 1) === 10) continue;
    // only a CR that has more text after it before the next LF joins something
    const lf = text.indexOf("\n", i + 1);
    if (!/\S/.test(text.slice(i + 1, lf < 0 ? text.length : lf))) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return undefined;
  const at = lines.positionAt(first);
  const fixed = text.replace(/\r(?!\n)/g, "\n");
  return {
    ruleId: LINE_BREAKS_RULE_ID,
    messageId: "loneCr",
    message:
      `This Dockerfile breaks ${count === 1 ? "a line" : `${count} lines`} with a lone CR (first after line ${at.line + 1}); ` +
      "Docker splits Dockerfile lines only at LF (CRLF counts as LF), so `docker build` reads the text around each lone CR as one line " +
      "and the instructions run together. Save it with LF (or CRLF) line breaks.",
    severity: "error",
    category: "reliability",
    range: { start: at, end: lines.positionAt(first + 1) },
    fixes: [
      {
        title: "Use LF line breaks",
        // a lone CR inside a heredoc or a quoted string would change too: a suggestion, never applied unasked
        safe: false,
        edits: [{ range: lines.rangeOf(0, text.length), newText: fixed }],
      },
    ],
    file: path,
  };
}
