import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/expose-protocol-casing",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Write the protocol in EXPOSE in lower case (`80/tcp`, `53/udp`).",
    rationale:
      "Docker lower-cases the protocol when it stores exposed ports, so `80/TCP` works, but it is not how the port appears in `docker inspect` or compose files, and BuildKit warns about it. Lower case keeps the file consistent with what tools show.",
    examples: [
      {
        bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
      },
    ],
    equivalents: ["buildkit:ExposeProtoCasing"],
    messages: { casing: "Protocol in `{{port}}` should be lower case." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report, lines }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const a of ins.ast.getArguments()) {
        const v = a.getValue();
        const slash = v.lastIndexOf("/");
        if (slash < 0 || v.includes("$")) continue;
        const proto = v.slice(slash + 1);
        if (proto === proto.toLowerCase()) continue;
        const start = lines.offsetAt(a.getRange().start) + slash + 1;
        const range = lines.rangeOf(start, start + proto.length);
        report({
          messageId: "casing",
          range,
          data: { port: v },
          fixes: [{ title: `Change to ${proto.toLowerCase()}`, safe: true, edits: [{ range, newText: proto.toLowerCase() }] }],
        });
      }
    }
  },
});
