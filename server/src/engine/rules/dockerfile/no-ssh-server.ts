import { runSteps } from "../../analysis/instructions";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";

const INSTALLERS = /^(apt-get|apt|apk|yum|dnf|microdnf|zypper|tdnf)$/;
const SERVER_PACKAGES = /^(openssh-server|openssh-server-pam|dropbear|dropbear-ssh)([=:~<>].*)?$/;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/no-ssh-server",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not run an SSH server in a container image (`EXPOSE 22`, `openssh-server`, `sshd`).",
    rationale:
      "A container runs one process and is replaced, not logged into: `docker exec` (or `kubectl exec`) gives a shell when one is really needed, with the engine's access control. " +
      "An SSH server adds a long-lived daemon, host keys and credentials to the image, a second process to supervise, and an open port that scanners find. " +
      "Only the image that is shipped (the last stage) is checked; a build stage may install an SSH client or server for its own steps.",
    examples: [
      {
        bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
        good: 'FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
      },
    ],
    equivalents: ["checkov:CKV_DOCKER_1", "trivy:DS-0004"],
    messages: {
      expose: "Port 22 is exposed: the image runs an SSH server. Use `docker exec` for a shell instead.",
      install: "`{{pkg}}` installs an SSH server in the image that is shipped. Use `docker exec` for a shell instead.",
      run: "The image starts `sshd`. Run the application instead and use `docker exec` for a shell.",
    },
    practice: "003 (Security: one process per container, no SSH)",
  },
  check({ dockerfile, report }) {
    const final = dockerfile.finalStage;
    if (!final) return;
    const inFinal = new Set(dockerfile.lineage(final).flatMap((s) => s.instructions));
    for (const ins of final.instructions) {
      if (ins.keyword === "EXPOSE") {
        for (const arg of ins.ast.getArguments()) {
          if (/^["']?22(\/tcp)?["']?$/i.test(arg.getValue())) report({ messageId: "expose", range: arg.getRange() });
        }
      } else if ((ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") && /(^|[\s"/[])sshd(["\s,\]]|$)/.test(ins.argsText)) {
        report({ messageId: "run", range: ins.argsRange ?? ins.range });
      }
    }
    for (const step of runSteps(dockerfile)) {
      if (!inFinal.has(step.ins)) continue;
      for (const cmd of step.commands) {
        const p = programOf(cmd);
        if (!p || !INSTALLERS.test(p.name)) continue;
        const args = argsOf(cmd);
        if (!args.some((w) => /^(install|add|in)$/.test(w.value))) continue;
        for (const w of args) {
          if (!SERVER_PACKAGES.test(w.value)) continue;
          report({ messageId: "install", range: dockerfile.lines.rangeOf(w.start, w.end), data: { pkg: w.value } });
        }
      }
    }
  },
});
