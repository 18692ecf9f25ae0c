import { isScalar, type Scalar } from "yaml";
import { servicePorts } from "../../analysis/compose";
import { composeRule } from "../../rule";
import { unboundPorts } from "./bind-to-localhost";

/** What YAML 1.1 reads as a base-60 integer: digits, then one or more `:` groups of 0-59. */
const SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/;

export const rule = composeRule({
  meta: {
    id: "compose/quote-ports",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Write `ports` entries as quoted strings.",
    rationale:
      "YAML 1.1 parsers read `HH:MM`-like values in base 60, so an unquoted `22:22` can become the number `1342`: every part after the first colon below 60 is the trap, and that is reported as a warning. " +
      "Other unquoted entries (`8080:80`, `3000`, `127.0.0.1:5432:5432`) cannot be read as numbers; quoting them too is a style choice that keeps the list uniform, reported at info level at most and saying so. The quotes never change what Compose publishes. " +
      "A port that `compose/bind-to-localhost` reports (a database published on every interface) gets no style note: that is one problem, one finding, and its fix writes the value quoted.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - 22:22\n",
        good: 'services:\n  git:\n    image: gitea/gitea:1.22.1\n    ports:\n      - "22:22"\n',
      },
    ],
    equivalents: ["dclint:require-quotes-in-ports"],
    messages: {
      unquoted: "`{{port}}` can be read as a base-60 number by YAML 1.1 parsers; quote it.",
      style: "Style: quote the port mapping `{{port}}` (no YAML parser reads this value as a number).",
    },
    severityCaps: { style: "info" },
    practice: "Compose file reference (ports short syntax)",
  },
  check({ compose, project, report, runs, optionsOf }) {
    const seen = new Set<number>();
    // one finding per port: where compose/bind-to-localhost reports the port, the style note defers to it (its fix
    // writes the value quoted); the base-60 trap is another problem and is still reported
    const bindRule = "compose/bind-to-localhost";
    const reportedByBind = new Set<unknown>(
      runs(bindRule) ? unboundPorts(compose, project, optionsOf(bindRule)?.allServices === true).map((u) => u.p.node) : [],
    );
    for (const svc of compose.services) {
      const scalars = servicePorts(compose, svc)
        .map((p) => p.node)
        .filter((n): n is Scalar => isScalar(n) && n.type === "PLAIN");
      for (const node of scalars) {
        if (!compose.owns(node) || !node.range || seen.has(node.range[0])) continue;
        seen.add(node.range[0]);
        const text = compose.text.slice(node.range[0], node.range[1]);
        const range = compose.rangeOf(node);
        const trap = SEXAGESIMAL.test(text);
        if (!trap && reportedByBind.has(node)) continue;
        report({
          messageId: trap ? "unquoted" : "style",
          range,
          data: { port: text },
          fixes: [{ title: `Quote "${text}"`, safe: true, edits: [{ range, newText: `"${text}"` }] }],
        });
      }
    }
  },
});
