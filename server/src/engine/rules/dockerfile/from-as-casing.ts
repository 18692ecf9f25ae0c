import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/from-as-casing",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Write `AS` in FROM in the same case as `FROM`.",
    rationale:
      "`FROM python:3.13 as build` mixes an upper-case keyword with a lower-case one on the same line. Docker accepts it, but it reads like a typo and BuildKit reports it. Match the case of `FROM`: `FROM … AS …` or `from … as …`. (A mixed-case `From` is left to `dockerfile/instruction-casing`.)",
    examples: [
      {
        bad: "FROM python:3.13-slim as build\n",
        good: "FROM python:3.13-slim AS build\n",
      },
    ],
    equivalents: ["buildkit:FromAsCasing"],
    messages: { casing: "`{{as}}` does not match the casing of `{{from}}`." },
    practice: "Docker build checks; shared practices (lower-case `as` in FROM)",
  },
  check({ dockerfile, report }) {
    for (const stage of dockerfile.stages) {
      const from = stage.from.keywordAsWritten;
      const lower = from === from.toLowerCase();
      const upper = from === from.toUpperCase();
      if (!lower && !upper) continue;
      const args = stage.from.ast.getArguments();
      const as = args[1];
      if (args.length < 3 || !as || as.getValue().toLowerCase() !== "as") continue;
      const wanted = lower ? "as" : "AS";
      if (as.getValue() === wanted) continue;
      report({
        messageId: "casing",
        range: as.getRange(),
        data: { as: as.getValue(), from },
        fixes: [{ title: `Change to ${wanted}`, safe: true, edits: [{ range: as.getRange(), newText: wanted }] }],
      });
    }
  },
});
