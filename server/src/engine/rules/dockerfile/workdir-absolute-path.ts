import { stripQuotes } from "../../analysis/instructions";
import type { Stage } from "../../model/dockerfile";
import { dockerfileRule } from "../../rule";

/** Absolute as hadolint reads it: `/…`, a variable (`$HOME`, `${APP}`), or a Windows drive (`C:\`, `C:/`). */
function isAbsolute(path: string): boolean {
  return path.startsWith("/") || path.startsWith("$") || /^[A-Za-z]:/.test(path);
}

/** The directory a WORKDIR argument leads to from `dir`; undefined when it cannot be known statically. */
function next(dir: string | undefined, path: string): string | undefined {
  if (!path || /[$\\]/.test(path) || /^[A-Za-z]:/.test(path)) return undefined;
  if (path.startsWith("/")) return path;
  const joined = dir === undefined ? undefined : join(dir, path);
  return joined !== undefined && joined.length <= MAX_PATH ? joined : undefined;
}

/** `base` + `rel`, with `.` and `..` segments resolved (`/app` + `./src/..` -> `/app`). */
function join(base: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${base}/${rel}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

// Longer than PATH_MAX: not a real directory; stop tracking rather than build ever longer strings.
const MAX_PATH = 4096;

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/workdir-absolute-path",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["safe"],
    summary: "Give WORKDIR an absolute path.",
    rationale:
      "A relative WORKDIR is resolved against whatever working directory the base image (or an earlier WORKDIR) left behind. " +
      "When the base image changes its default directory, every later COPY, RUN and CMD silently moves with it. " +
      "An absolute path (or a variable that holds one) says where the files go, whatever the base is. " +
      "When an earlier WORKDIR in the same stage already fixed an absolute directory, the fix writes out the joined absolute path; " +
      "otherwise the right directory depends on the base image and only you can pick it.",
    examples: [
      {
        bad: "FROM python:3.13-slim\nWORKDIR app\nCOPY . .\n",
        good: "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n",
      },
    ],
    equivalents: ["hadolint:DL3000", "buildkit:WorkdirRelativePath", "checkov:CKV_DOCKER_10", "trivy:DS-0009"],
    messages: {
      relative: "WORKDIR {{path}} is relative: it depends on the base image's working directory. Use an absolute path.",
      relativeToKnown: "WORKDIR {{path}} is relative; write the absolute path {{absolute}}.",
    },
    practice: "Docker build checks; hadolint",
  },
  check({ dockerfile, report }) {
    // one pass: each stage starts from the directory its parent stage ended in (parents come first)
    const endDir = new Map<Stage, string | undefined>();
    // instructions before any FROM (a fragment, or a file that is broken): nothing is known about the directory
    for (const ins of dockerfile.instructions) {
      if (ins.stage || ins.keyword !== "WORKDIR" || !ins.argsRange) continue;
      const path = stripQuotes(ins.argsText.trim());
      if (path !== "" && !isAbsolute(path)) report({ messageId: "relative", range: ins.argsRange, data: { path } });
    }
    for (const stage of dockerfile.stages) {
      let dir = stage.parent ? endDir.get(stage.parent) : undefined;
      for (const ins of stage.instructions) {
        if (ins.keyword !== "WORKDIR" || !ins.argsRange) continue;
        const path = stripQuotes(ins.argsText.trim());
        const before = dir;
        dir = next(dir, path);
        if (path === "" || isAbsolute(path)) continue;
        if (before !== undefined) {
          const absolute = join(before, path);
          report({
            messageId: "relativeToKnown",
            range: ins.argsRange,
            data: { path, absolute },
            fixes: [{ title: `Use WORKDIR ${absolute}`, safe: true, edits: [{ range: ins.argsRange, newText: absolute }] }],
          });
        } else {
          report({ messageId: "relative", range: ins.argsRange, data: { path } });
        }
      }
      endDir.set(stage, dir);
    }
  },
});
