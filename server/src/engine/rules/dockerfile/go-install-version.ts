import { runSteps } from "../../analysis/instructions";
import { argsNoFlags, commandHasArgs } from "../../analysis/runCommands";
import type { ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

function isLocal(p: string): boolean {
  return p === "." || p.startsWith("/") || p.startsWith(".") || p.endsWith(".go");
}

function pinned(p: string): boolean {
  return isLocal(p) || (p.includes("@") && !/@(latest|none)$/.test(p));
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/go-install-version",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Pin a version in `go install`, `go get` and `go run` of remote packages (`pkg@v1.2.3`).",
    rationale:
      "`go install example.com/tool` (or `@latest`) fetches whatever the module's newest version is at build time, so rebuilding the same Dockerfile can produce a different tool. Name the version (`@v1.2.3`) to make builds repeatable and upgrades deliberate. Local paths (`.`, `./cmd/app`, `main.go`) are not affected.",
    examples: [
      {
        bad: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n",
        good: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n",
      },
    ],
    equivalents: ["hadolint:DL3062"],
    messages: { unpinned: "Pin a version for `{{pkg}}` (`{{name}}@<version>`)." },
    practice: "hadolint DL3062",
  },
  check({ dockerfile, report }) {
    for (const { commands } of runSteps(dockerfile)) {
      const found: ShellWord[] = [];
      // `go run` takes a package, then the program's own arguments
      for (const cmd of commands) {
        if (!commandHasArgs(cmd, ["go"], ["run"])) continue;
        const args = argsNoFlags(cmd);
        const pkg = args[args.findIndex((w) => w.value === "run") + 1];
        if (pkg) found.push(pkg);
      }
      if (found.length === 0) {
        for (const cmd of commands) {
          if (!commandHasArgs(cmd, ["go"], ["install", "get"])) continue;
          found.push(...argsNoFlags(cmd).filter((w) => !["install", "get", "tool"].includes(w.value)));
        }
      }
      for (const w of found) {
        if (pinned(w.value)) continue;
        report({ messageId: "unpinned", range: dockerfile.wordRange(w), data: { pkg: w.value, name: w.value.split("@")[0] as string } });
      }
    }
  },
});
