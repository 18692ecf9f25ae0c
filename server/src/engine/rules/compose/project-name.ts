import { composeRule } from "../../rule";

export const rule = composeRule({
  meta: {
    id: "compose/project-name",
    category: "maintainability",
    defaultSeverity: "off",
    fixable: false,
    summary: "Style (off by default): set the top-level `name:` of the project in the base file.",
    rationale:
      "Without `name:` the project is named after the folder, so two checkouts with the same folder name share containers, networks and volumes, and a renamed folder loses its volumes. Mirrors dclint's rule; off by default because many teams pass `-p` instead.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  web:\n    image: nginx:1.27-alpine\n",
        good: "name: shop\nservices:\n  web:\n    image: nginx:1.27-alpine\n",
      },
    ],
    equivalents: ["dclint:require-project-name-field"],
    messages: { missing: "The project has no top-level `name:`; it is named after its folder." },
    practice: "dclint style",
  },
  check({ compose, project, report }) {
    if (project.role(compose) !== "base" && project.base !== undefined) return;
    if (project.files.some((f) => f.topLevel("name"))) return;
    const first = compose.root?.items[0];
    report({ messageId: "missing", range: first ? compose.rangeOf(first.key) : compose.lines.rangeOf(0, 0) });
  },
});
