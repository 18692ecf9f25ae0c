import { isScalar, type Scalar } from "yaml";
import { servicePorts } from "../../analysis/compose";
import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/quote-ports",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    summary: "Write `ports` entries as quoted strings.",
    rationale:
      'YAML 1.1 parsers read `HH:MM`-like values in base 60, so an unquoted `22:22` can become the number `1342`, and numbers below 60 after a colon are the classic trap. Quoting every entry (`"8080:80"`) removes the guesswork for every tool that reads the file, and the quotes never change what Compose publishes.',
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - 22:22\n",
        good: 'services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - "22:22"\n',
      },
    ],
    equivalents: ["dclint:require-quotes-in-ports"],
    messages: { unquoted: "Quote the port mapping `{{port}}` so no YAML parser reads it as a number." },
    practice: "Compose file reference (ports short syntax)",
  },
  check({ compose, report }) {
    const seen = new Set<number>();
    for (const svc of compose.services) {
      const scalars = servicePorts(compose, svc)
        .map((p) => p.node)
        .filter((n): n is Scalar => isScalar(n) && n.type === "PLAIN");
      for (const node of scalars) {
        if (!compose.owns(node) || !node.range || seen.has(node.range[0])) continue;
        seen.add(node.range[0]);
        const text = compose.text.slice(node.range[0], node.range[1]);
        const range = compose.rangeOf(node);
        report({
          messageId: "unquoted",
          range,
          data: { port: text },
          fixes: [{ title: `Quote "${text}"`, safe: true, edits: [{ range, newText: `"${text}"` }] }],
        });
      }
    }
  },
});
