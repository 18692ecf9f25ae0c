import {
  effectiveUser,
  insertLines,
  insideUnclosedHeredoc,
  isRootUser,
  lineageInstructions,
  runtimeInsertionPoint,
  stageImageFacts,
} from "../../analysis/dockerfileFacts";
import type { DockerfileModel, Stage } from "../../model/dockerfile";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

/** A user the stage creates itself (`useradd … appuser`, `adduser -S appuser`), if any. */
function createdUser(model: DockerfileModel, stage: Stage): string | undefined {
  let found: string | undefined;
  for (const ins of lineageInstructions(model, stage)) {
    if (ins.keyword !== "RUN") continue;
    for (const cmd of model.shellCommands(ins)) {
      const p = programOf(cmd);
      if (!p || !/^(useradd|adduser)$/.test(p.name)) continue;
      const args = argsOf(cmd);
      const valueFlags = new Set([
        "-u",
        "--uid",
        "-g",
        "--gid",
        "-G",
        "--groups",
        "-s",
        "--shell",
        "-d",
        "--home",
        "--home-dir",
        "-h",
        "-c",
        "--comment",
        "--gecos",
        "-k",
        "-K",
        "-e",
        "-f",
        "-p",
        "--ingroup",
      ]);
      const plain: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = (args[i] as { value: string }).value;
        if (v.startsWith("-")) {
          if (valueFlags.has(v)) i++;
          continue;
        }
        plain.push(v);
      }
      // `adduser user group` adds an existing user to a group on Debian; the first plain word is the user
      if (plain[0]) found = plain[0];
    }
  }
  return found;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/non-root-user",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    summary: "The runtime stage should switch to a non-root USER before it starts the application.",
    rationale:
      "A process that runs as root inside the container is root on every file the container can reach, and one kernel or runtime bug away from root on the host. " +
      "Create an unprivileged user in the final stage and switch to it with `USER` before `CMD`. " +
      "How to create it depends on the base: Debian-based images use `groupadd`/`useradd`, Alpine uses `addgroup -S`/`adduser -S`, and hardened or distroless `nonroot` images already run as a non-root user. " +
      "Builder stages may stay root; only the image that runs matters.",
    examples: [
      {
        bad: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.13-slim\nRUN groupadd --system app && useradd --system --gid app --create-home app\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\nCMD ["python", "app.py"]\n',
      },
      {
        title: "Hardened runtime images already run as a non-root user",
        bad: 'FROM python:3.13-alpine\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        good: 'FROM dhi.io/python:3.13-debian13\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      },
    ],
    equivalents: ["hadolint:DL3002", "checkov:CKV_DOCKER_3", "trivy:DS-0002", "checkov:CKV_DOCKER_8"],
    messages: {
      noUser: "The final stage never switches to a non-root USER, so the application runs as root.",
      rootUser: "The last USER of the final stage is root; switch to an unprivileged user.",
    },
    practice: "001 (Non-root execution), 003 (Anti-patterns: root user), 004 (Non-Root User)",
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage || stage.role !== "final") return;
    const facts = stageImageFacts(dockerfile, stage);
    const user = effectiveUser(dockerfile, stage);
    const created = createdUser(dockerfile, stage);
    const at = runtimeInsertionPoint(dockerfile, stage);
    if (user && isRootUser(user.user)) {
      const fixes: Fix[] = created
        ? [{ title: `Run as ${created}`, safe: false, edits: [{ range: user.ins.argsRange ?? user.ins.range, newText: created }] }]
        : [];
      // a root USER in a stage whose later instructions need root is fine as long as a later USER switches back
      report({ messageId: "rootUser", range: user.ins.range, fixes });
      return;
    }
    if (user) return;
    if (facts.defaultNonRoot || facts.family === "scratch") return;
    const fixes: Fix[] = [];
    if (insideUnclosedHeredoc(dockerfile, at)) {
      // the inserted lines would become part of the heredoc's body
    } else if (created) {
      fixes.push({ title: `Add USER ${created}`, safe: false, edits: [insertLines(dockerfile, at, [`USER ${created}`])] });
    } else if (facts.family === "debian") {
      fixes.push({
        title: "Create an unprivileged user (groupadd/useradd) and switch to it",
        safe: false,
        edits: [insertLines(dockerfile, at, ["RUN groupadd --system app && useradd --system --gid app --create-home app", "USER app"])],
      });
    } else if (facts.family === "alpine") {
      fixes.push({
        title: "Create an unprivileged user (addgroup -S/adduser -S) and switch to it",
        safe: false,
        edits: [insertLines(dockerfile, at, ["RUN addgroup -S app && adduser -S -G app app", "USER app"])],
      });
    } else if (facts.family === "distroless" || facts.family === "hardened") {
      fixes.push({ title: "Switch to the image's nonroot user", safe: false, edits: [insertLines(dockerfile, at, ["USER nonroot"])] });
    }
    report({ messageId: "noUser", range: stage.from.range, fixes });
  },
});
