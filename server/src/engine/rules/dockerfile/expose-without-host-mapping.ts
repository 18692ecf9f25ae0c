import { dockerfileRule } from "../../rule";

/** `[ip:][hostPort:]containerPort[/proto]` split the way Docker reads port specs. */
function splitPort(raw: string): { ip: string; host: string; container: string } {
  let rest = raw;
  let ip = "";
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close > 0) {
      ip = rest.slice(0, close + 1);
      rest = rest.slice(close + 2);
    }
  }
  const parts = rest.split(":");
  if (ip === "" && parts.length >= 3)
    return { ip: parts.slice(0, -2).join(":"), host: parts[parts.length - 2] as string, container: parts[parts.length - 1] as string };
  if (parts.length === 2) return { ip, host: parts[0] as string, container: parts[1] as string };
  return { ip, host: "", container: parts[parts.length - 1] as string };
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/expose-without-host-mapping",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "EXPOSE only container ports, never an IP address or a host port mapping.",
    rationale:
      "EXPOSE documents which ports the container listens on; publishing them to the host is decided at run time (`docker run -p`, compose `ports:`). An IP address or `host:container` mapping in EXPOSE is ignored apart from the container port, misleads readers into thinking the port is published, and BuildKit plans to reject it. The fix keeps just the container port and protocol.",
    examples: [
      {
        bad: "FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\n",
      },
    ],
    equivalents: ["buildkit:ExposeInvalidFormat"],
    messages: { mapping: "EXPOSE should not name an IP address or host port: found `{{port}}`." },
    practice: "Docker build checks",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const a of ins.ast.getArguments()) {
        const v = a.getValue();
        if (v.includes("$")) continue;
        const { ip, host, container } = splitPort(v);
        if (ip === "" && host === "") continue;
        report({
          messageId: "mapping",
          range: a.getRange(),
          data: { port: v },
          fixes: container ? [{ title: `Keep only ${container}`, safe: true, edits: [{ range: a.getRange(), newText: container }] }] : [],
        });
      }
    }
  },
});
