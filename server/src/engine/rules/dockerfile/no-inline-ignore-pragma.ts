import { dockerfileRule } from "../../rule";

const INLINE_PRAGMA = /^\s*#\s*hadolint\s+ignore\s*=\s*[A-Z0-9]+(\s*,\s*[A-Z0-9]+)*\b/i;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-inline-ignore-pragma",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Avoid inline `# hadolint ignore=…` pragmas (for teams that keep exceptions in configuration).",
    rationale:
      "Some teams want every exception to a rule recorded in one place (the Shipshape or hadolint configuration) rather than scattered through Dockerfiles, where they are easy to add and hard to review. This rule reports each inline hadolint ignore comment. It is off by default, as it is in hadolint; file-wide `global ignore` pragmas are not reported.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n",
      },
    ],
    equivalents: ["hadolint:DL1001"],
    messages: { inlinePragma: "Inline ignore pragma: record the exception in the configuration instead." },
    practice: "hadolint DL1001",
  },
  check({ lines, report }) {
    for (let line = 0; line < lines.lineCount; line++) {
      const text = lines.lineText(line);
      if (!INLINE_PRAGMA.test(text)) continue;
      const start = text.indexOf("#");
      report({ messageId: "inlinePragma", range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } } });
    }
  },
});
