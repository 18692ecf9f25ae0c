import { dockerfileRule } from "../../rule";

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/numeric-user",
    category: "security",
    defaultSeverity: "hint",
    fixable: false,
    summary: "Prefer a numeric UID in USER (`USER 10001:10001`) over a user name.",
    rationale:
      "A user name only means something inside the image's `/etc/passwd`. Kubernetes' `runAsNonRoot` cannot verify a named user and refuses to start the pod, and hosts or volume owners map files by number, not by name. A numeric UID (optionally with a numeric GID) works everywhere. A hint by default, because a named non-root user is still far better than root and is common practice.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nRUN useradd -u 10001 app\nUSER app\n",
        good: "FROM python:3.13-slim\nRUN useradd -u 10001 app\nUSER 10001\n",
      },
    ],
    equivalents: ["hadolint:DL3066"],
    messages: { named: "USER `{{user}}` is a name; a numeric UID is resolvable outside the image too." },
    practice: "hadolint DL3066",
  },
  check({ dockerfile, report }) {
    const args = new Set<string>();
    for (const ins of dockerfile.instructions) {
      if (ins.keyword === "ARG") for (const a of ins.ast.getArguments()) args.add(a.getValue().split("=")[0] as string);
      if (ins.keyword !== "USER") continue;
      const value = ins.argsText.trim();
      const uid = value.split(":")[0] ?? "";
      if (/^\d+$/.test(uid)) continue;
      // an ARG may well hold a number
      if ([...args].some((a) => uid.includes("$" + a) || uid.includes("${" + a))) continue;
      report({ messageId: "named", range: ins.argsRange ?? ins.range, data: { user: uid } });
    }
  },
});
