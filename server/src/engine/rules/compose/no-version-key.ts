import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/no-version-key",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Do not declare the obsolete top-level `version:` key.",
    rationale:
      "Compose V2 follows the Compose Specification and ignores `version:`; it only prints a warning. Keeping the key suggests a file format that no longer exists and invites people to pick features by a number that has no effect.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27-alpine\n",
        good: "services:\n  web:\n    image: nginx:1.27-alpine\n",
      },
    ],
    equivalents: ["dclint:no-version-field"],
    messages: { obsolete: "The top-level `version` key is obsolete; Compose ignores it. Remove it." },
    practice: "003 §8.2.2 Mandatory rules",
  },
  check({ compose, report, lines }) {
    const pair = compose.topLevel("version");
    if (!pair) return;
    const r = compose.rangeOf(pair);
    // delete the whole line(s), including the line break and a comment on the same line
    const startLine = r.start.line;
    const endLine = r.end.character === 0 && r.end.line > startLine ? r.end.line - 1 : r.end.line;
    // the blank lines after it go too when nothing but blank lines precede it (the file would start with an empty
    // line) or a blank line precedes it (two would meet); a bounded walk, at most to the end of the file
    const blank = (l: number) => lines.lineText(l).trim() === "";
    let last = endLine;
    let before = startLine - 1;
    while (before >= 0 && blank(before)) before--;
    if (before < 0 || (startLine > 0 && blank(startLine - 1))) while (last + 1 < lines.lineCount - 1 && blank(last + 1)) last++;
    const deleteTo = last + 1 < lines.lineCount ? { line: last + 1, character: 0 } : { line: last, character: lines.lineText(last).length };
    report({
      messageId: "obsolete",
      range: compose.rangeOf(pair.key),
      fixes: [
        {
          title: "Remove the `version` key",
          safe: true,
          edits: [{ range: { start: { line: startLine, character: 0 }, end: deleteTo }, newText: "" }],
        },
      ],
    });
  },
});
