import { suggestName } from "../../analysis/suggest";
import { variableRefs } from "../../analysis/variables";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

/** Arguments the builder defines for every build. */
export const PREDEFINED_PLATFORM_ARGS = [
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDOSVERSION",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETOSVERSION",
  "TARGETARCH",
  "TARGETVARIANT",
  "TARGETSTAGE",
];

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/undefined-arg-in-from",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Declare every variable a FROM line uses with an ARG before the first FROM.",
    rationale:
      "FROM can only see ARGs declared before the first FROM (plus the builder's platform variables such as `$BUILDPLATFORM`). Anything else expands to an empty string, so `FROM node:22${VARIANT}` silently becomes `node:22`, and a misspelt `$BUILDPLATFROM` makes the platform empty. Declare the ARG at the top of the file; when the name looks like a typo of a known one, the fix offers the correction.",
    examples: [
      {
        bad: "FROM node:22${VARIANT} AS jsbuilder\n",
        good: 'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
      },
    ],
    equivalents: ["buildkit:UndefinedArgInFrom"],
    messages: {
      undeclared: "FROM uses `${{name}}`, which is not declared before the first FROM.",
      undeclaredSuggest: "FROM uses `${{name}}`, which is not declared before the first FROM (did you mean `${{suggestion}}`?).",
    },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    const declared = new Set<string>(PREDEFINED_PLATFORM_ARGS);
    for (const ins of dockerfile.globalArgs) for (const a of ins.ast.getArguments()) declared.add(a.getValue().split("=")[0] as string);
    for (const stage of dockerfile.stages) {
      for (const v of variableRefs(dockerfile, stage.from)) {
        const name = v.name;
        if (declared.has(name)) continue;
        const suggestion = suggestName(name, declared);
        const fixes: Fix[] = suggestion
          ? [{ title: `Change to ${suggestion}`, safe: false, edits: [{ range: v.nameRange, newText: suggestion }] }]
          : [];
        report({
          messageId: suggestion ? "undeclaredSuggest" : "undeclared",
          range: v.range,
          data: { name, suggestion: suggestion ?? "" },
          fixes,
        });
      }
    }
  },
});
