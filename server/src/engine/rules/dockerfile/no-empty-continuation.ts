import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-empty-continuation",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Do not leave empty lines inside an instruction continued with `\\`.",
    rationale:
      "An empty line after a line continuation is skipped today, so the instruction silently goes on with the next line, which is easy to misread (an instruction that looks finished is not). Docker has deprecated this and plans to make it an error. Remove the empty lines, or put a comment there: comment lines are allowed. The fix deletes the empty lines, which Docker ignores anyway.",
    examples: [
      {
        bad: "FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    gnupg \\\n    curl\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache \\\n    gnupg \\\n    curl\n",
      },
    ],
    equivalents: ["buildkit:NoEmptyContinuation"],
    messages: { emptyContinuation: "Empty continuation line (line {{empty}}) inside this instruction; it continues on line {{next}}." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const ins of dockerfile.instructions) {
      if (ins.heredocs.length > 0 || ins.range.end.line === ins.range.start.line) continue;
      const empty: number[] = [];
      // only blank lines the instruction continues after (a trailing one at the end of the file is not between lines)
      let last = ins.range.end.line;
      while (last > ins.range.start.line && lines.lineText(last).trim() === "") last--;
      for (let line = ins.range.start.line + 1; line < last; line++) {
        if (lines.lineText(line).trim() === "") empty.push(line);
      }
      if (empty.length === 0) continue;
      let next = (empty[0] as number) + 1;
      while (empty.includes(next)) next++;
      const edits = empty.map((line) => ({
        range: lines.rangeOf(lines.lineStart(line), line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.text.length),
        newText: "",
      }));
      // `docker build --check` reports it once, on the instruction's last line
      report({
        messageId: "emptyContinuation",
        range: { start: { line: last, character: 0 }, end: { line: last, character: lines.lineText(last).length } },
        data: { empty: empty.map((l) => l + 1).join(", "), next: next + 1 },
        fixes: [{ title: "Remove the empty continuation lines", safe: true, edits }],
      });
    }
  },
});
