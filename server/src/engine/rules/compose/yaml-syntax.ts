import { scalarText } from "../../model/compose";
import { unresolvedAliases } from "../../analysis/yamlAliases";
import { composeRule } from "../../rule";

/**
 * Parse problems reported per file. After the first few, YAML errors mostly follow from the first ones (a template
 * or a wrong indent yields dozens); the last one shown says how many more there are.
 */
export const MAX_SYNTAX_PROBLEMS = 3;

export const rule = composeRule({
  meta: {
    id: "compose/yaml-syntax",
    category: "reliability",
    defaultSeverity: "error",
    failure: "`docker compose` cannot parse the file and runs nothing.",
    fixable: false,
    summary: "The file must be valid YAML, without duplicate keys.",
    rationale:
      "Compose cannot load a file that does not parse, and it rejects a mapping that repeats a key (YAML itself says the keys of a mapping are unique). Editors that only highlight YAML often miss both; this rule reports each problem where the parser found it, the first three parse problems of a file only (later ones usually follow from the first), the third saying how many more there are.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  web:\n    image: nginx:1.27-alpine\n    image: nginx:1.26-alpine\n",
        good: "services:\n  web:\n    image: nginx:1.27-alpine\n",
      },
    ],
    equivalents: ["dclint:invalid-yaml"],
    messages: {
      syntax: "YAML syntax error: {{message}}",
      warning: "YAML: {{message}}",
      more: "{{first}} ({{count}} more YAML problems after this one are not shown; they often follow from the first.)",
      duplicateKey: "The key `{{key}}` appears more than once in this mapping; Compose rejects the file.",
    },
    practice: "YAML 1.2",
  },
  check({ compose, report }) {
    const shown = compose.problems.slice(0, MAX_SYNTAX_PROBLEMS);
    const hidden = compose.problems.length - shown.length;
    shown.forEach((p, i) => {
      const messageId = p.severity === "error" ? "syntax" : "warning";
      if (hidden > 0 && i === shown.length - 1) {
        const first = p.severity === "error" ? `YAML syntax error: ${p.message}` : `YAML: ${p.message}`;
        report({ messageId: "more", range: p.range, data: { first, count: hidden } });
      } else report({ messageId, range: p.range, data: { message: p.message } });
    });
    if (compose.doc.errors.length > 0) return;
    for (const alias of unresolvedAliases(compose)) {
      report({
        messageId: "syntax",
        range: compose.rangeOf(alias),
        data: { message: `Unknown alias \`*${alias.source}\`: no anchor \`&${alias.source}\` is defined before it` },
      });
    }
    for (const key of compose.duplicateKeys()) {
      report({ messageId: "duplicateKey", range: compose.rangeOf(key), data: { key: scalarText(key) ?? "" } });
    }
  },
});
