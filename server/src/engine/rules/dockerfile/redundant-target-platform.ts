import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/redundant-target-platform",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Drop `--platform=$TARGETPLATFORM` from FROM: it is already the default.",
    rationale:
      "A stage is built for the target platform unless told otherwise, so `FROM --platform=$TARGETPLATFORM` says nothing new and makes readers wonder what it changes. Remove it; keep `--platform` for the cases that matter, such as `$BUILDPLATFORM` in cross-compiling builder stages.",
    examples: [
      {
        bad: "FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\n",
        good: "FROM alpine:3.20 AS builder\n",
      },
    ],
    equivalents: ["buildkit:RedundantTargetPlatform", "hadolint:DL3065"],
    messages: { redundant: "`--platform={{value}}` is the default and can be removed." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const stage of dockerfile.stages) {
      const flag = dockerfile.flag(stage.from, "platform");
      const value = flag?.getValue();
      if (!flag || (value !== "$TARGETPLATFORM" && value !== "${TARGETPLATFORM}")) continue;
      const r = flag.getRange();
      // take the "--" before the flag's name and the blank after it
      const start = lines.offsetAt(r.start) - (lines.text.slice(0, lines.offsetAt(r.start)).endsWith("--") ? 2 : 0);
      let end = lines.offsetAt(r.end);
      while (lines.text[end] === " " || lines.text[end] === "\t") end++;
      report({
        messageId: "redundant",
        range: lines.rangeOf(start, lines.offsetAt(r.end)),
        data: { value },
        fixes: [{ title: "Remove --platform", safe: true, edits: [{ range: lines.rangeOf(start, end), newText: "" }] }],
      });
    }
  },
});
