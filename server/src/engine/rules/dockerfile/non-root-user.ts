import { runStepOf } from "../../analysis/instructions";
import {
  imageStateAt,
  insertLines,
  fixIfPlaced,
  isRootUser,
  lineageInstructions,
  runtimeInsertionPoint,
} from "../../analysis/dockerfileFacts";
import { buildsImageForOthers } from "../../analysis/imagePurpose";
import { selfDroppingServer, STEP_DOWN_TOOLS } from "../../knowledge/privileges";
import type { DockerfileModel, Stage } from "../../model/dockerfile";
import { argsOf, programOf } from "../../model/shell";
import { dockerfileRule } from "../../rule";
import type { Fix } from "../../types";

/** A user the stage creates itself (`useradd … appuser`, `adduser -S appuser`), if any. */
function createdUser(model: DockerfileModel, stage: Stage): string | undefined {
  let found: string | undefined;
  for (const ins of lineageInstructions(model, stage)) {
    // a user an ONBUILD RUN would create exists only in images built on this one
    const step = runStepOf(model, ins);
    if (!step || step.onbuild) continue;
    for (const cmd of step.commands) {
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

/** The programs the container starts: the ENTRYPOINT's and the CMD's first words (exec or shell form). */
function startedServers(model: DockerfileModel, stage: Stage): string[] {
  const out: string[] = [];
  const instructions = lineageInstructions(model, stage);
  for (const keyword of ["ENTRYPOINT", "CMD"]) {
    const ins = [...instructions].reverse().find((i) => i.keyword === keyword);
    if (!ins) continue;
    if (ins.jsonArgs) {
      if (ins.jsonArgs[0]) out.push(ins.jsonArgs[0]);
      continue;
    }
    const cmd = model.shellCommands(ins)[0];
    const program = cmd ? programOf(cmd) : undefined;
    if (program) out.push(program.name);
  }
  return out;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/non-root-user",
    category: "security",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "The runtime stage should switch to a non-root USER before it starts the application.",
    rationale:
      "A process that runs as root inside the container is root on every file the container can reach, and one kernel or runtime bug away from root on the host. " +
      "Create an unprivileged user in the final stage and switch to it with `USER` before `CMD`. " +
      "How to create it depends on the base: Debian-based images use `groupadd`/`useradd`, Alpine uses `addgroup -S`/`adduser -S`, and hardened or distroless `nonroot` images already run as a non-root user. " +
      "Builder stages may stay root; only the image that runs matters. " +
      "The rule asks the image model who the final stage runs as: a base that already runs as non-root (`jenkins/jenkins`, `nginxinc/nginx-unprivileged`, distroless `:nonroot`, hardened runtime images) needs no USER, a base whose user is unknown is not reported, " +
      "and a Dockerfile without CMD or ENTRYPOINT builds a base image for others, so the choice is left to the images built from it. " +
      "Images that do not run an application of their own as root are not reported either: an image built for others to run their code in (a CMD that only opens an interpreter or a shell, nothing from the context but helper scripts, like the official `python` and `node` images), " +
      "an ENTRYPOINT that steps down from root with `gosu` or `su-exec` installed in the image (the official database images), and servers that run their workers as an unprivileged user they switch to themselves (nginx, Apache httpd, php-fpm).",
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
    const state = imageStateAt(dockerfile, stage);
    const facts = state.base;
    const created = createdUser(dockerfile, stage);
    const at = runtimeInsertionPoint(dockerfile, stage);
    // a Dockerfile that builds a base image for others (no CMD/ENTRYPOINT of its own) leaves the user to its children
    const startsApp = lineageInstructions(dockerfile, stage).some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    const baseUser = facts.known.user;
    if (state.userIns && state.user !== undefined && isRootUser(state.user)) {
      // switching a non-root base (jenkins, nginx-unprivileged, bitnami) to root matters even without a CMD of its own
      if (!startsApp && !(baseUser !== undefined && !isRootUser(baseUser))) return;
      // switch back after the instructions that needed root (before the CMD, else at the end of the stage), so they still run as root
      const back = created ?? (baseUser !== undefined && !isRootUser(baseUser) ? baseUser : undefined);
      const userLine = state.userIns.range.end.line;
      const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
      const where = at.line > userLine ? at : { line: last.range.end.line + 1, character: 0 };
      const fixes: Fix[] = back
        ? fixIfPlaced({ title: `Switch back to ${back}`, safe: false }, insertLines(dockerfile, where, [`USER ${back}`]))
        : [];
      report({ messageId: "rootUser", range: state.userIns.range, fixes });
      return;
    }
    if (state.userIns) return;
    // no USER of its own: the base decides; stay quiet when it runs as non-root or when we do not know who it runs as
    if (baseUser === undefined || !isRootUser(baseUser) || facts.family === "scratch") return;
    if (!startsApp) return;
    // an image built for others to run their own code in (python, node: a CMD that only opens an interpreter, nothing
    // from the context but helper scripts); the images built from it choose their user
    if (buildsImageForOthers(dockerfile, stage)) return;
    // the entrypoint steps down from root itself (gosu/su-exec in the image), as the official database images do
    const entrypoint = [...lineageInstructions(dockerfile, stage)].reverse().find((i) => i.keyword === "ENTRYPOINT");
    if (entrypoint && STEP_DOWN_TOOLS.some((t) => state.has(t) === true)) return;
    // a server that runs its workers as an unprivileged user it switches to itself (nginx, httpd, php-fpm)
    if (startedServers(dockerfile, stage).some((p) => selfDroppingServer(p) !== undefined)) return;
    const fixes: Fix[] = [];
    if (created) {
      fixes.push(...fixIfPlaced({ title: `Add USER ${created}`, safe: false }, insertLines(dockerfile, at, [`USER ${created}`])));
    } else if (facts.known.family === "debian" && state.shell) {
      fixes.push(
        ...fixIfPlaced(
          { title: "Create an unprivileged user (groupadd/useradd) and switch to it", safe: false },
          insertLines(dockerfile, at, ["RUN groupadd --system app && useradd --system --gid app --create-home app", "USER app"]),
        ),
      );
    } else if (facts.known.family === "alpine" && state.shell) {
      fixes.push(
        ...fixIfPlaced(
          { title: "Create an unprivileged user (addgroup -S/adduser -S) and switch to it", safe: false },
          insertLines(dockerfile, at, ["RUN addgroup -S app && adduser -S -G app app", "USER app"]),
        ),
      );
    } else if (facts.family === "distroless" || facts.family === "hardened") {
      fixes.push(
        ...fixIfPlaced({ title: "Switch to the image's nonroot user", safe: false }, insertLines(dockerfile, at, ["USER nonroot"])),
      );
    }
    report({ messageId: "noUser", range: stage.from.range, fixes });
  },
});
