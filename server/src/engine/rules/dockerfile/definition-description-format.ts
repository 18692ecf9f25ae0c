import type { DockerInstruction } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

/** Comments that are tool directives, not descriptions. */
const PRAGMA = /^(hadolint\b|shipshape-ignore|check\s*=|syntax\s*=|escape\s*=|dclint\b)/i;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/definition-description-format",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: true,
    fixKinds: ["safe"],
    summary: "A comment right above a named FROM or an ARG should start with that stage or argument name.",
    rationale:
      "`docker build --call=outline` and `--call=targets` show the comment directly above `FROM … AS <stage>` and `ARG <name>` as its description, but only when the comment starts with the name (`# VERSION sets the release to build`). A comment there that is not meant as a description turns into a confusing one. Start it with the name, or separate it from the instruction with an empty line (the fix). Off by default, as the check is experimental in BuildKit.",
    examples: [
      {
        bad: "# compile the sources\nFROM golang:1.23 AS build\n",
        good: "# build compiles the sources\nFROM golang:1.23 AS build\n",
      },
    ],
    equivalents: ["buildkit:InvalidDefinitionDescription"],
    messages: { format: "A comment right above {{keyword}} should read `# {{name}} <description>`, or be separated by an empty line." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const ins of dockerfile.instructions) {
      const names = definedNames(ins);
      if (names.length === 0) continue;
      const above = ins.range.start.line - 1;
      if (above < 0) continue;
      const text = lines.lineText(above).trim();
      if (!text.startsWith("#")) continue;
      const comment = text.slice(1).trim();
      // an empty `#` ends the description block
      if (comment === "" || PRAGMA.test(comment)) continue;
      if (isDirectiveBlock(above)) continue;
      const first = comment.split(/\s+/)[0] as string;
      if (names.includes(first)) continue;
      const at = { line: ins.range.start.line, character: 0 };
      report({
        messageId: "format",
        // on the instruction's line, where `docker build --check` reports it
        range: dockerfile.keywordLineRange(ins),
        data: { keyword: ins.keyword, name: names.length === 1 ? (names[0] as string) : "<arg_key>" },
        fixes: [
          { title: "Separate the comment with an empty line", safe: true, edits: [{ range: { start: at, end: at }, newText: lines.eol }] },
        ],
      });
    }

    /** Parser directives: comment lines at the very top of the file, before anything else. */
    function isDirectiveBlock(line: number): boolean {
      for (let l = 0; l <= line; l++) {
        if (!/^\s*#\s*[A-Za-z_]+\s*=/.test(lines.lineText(l))) return false;
      }
      return true;
    }
  },
});

function definedNames(ins: DockerInstruction): string[] {
  if (ins.keyword === "FROM") return ins.stage?.name !== undefined ? [ins.stage.name] : [];
  if (ins.keyword === "ARG") return ins.ast.getArguments().map((a) => a.getValue().split("=")[0] as string);
  return [];
}
