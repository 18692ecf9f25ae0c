/**
 * Production: the process that runs as PID 1 must stop on `docker stop`. The kernel gives PID 1 no default signal
 * handlers, so a program that installs none for SIGTERM (Node, a plain Python script) ignores it and is killed
 * after the grace period, and nothing reaps its orphaned children. Servers that handle SIGTERM themselves
 * (uvicorn, gunicorn, Streamlit, Dagster) need nothing. Where the final stage can install a package as root
 * (apt or apk), tini becomes the ENTRYPOINT; elsewhere the advice is the runtime's own init (`init: true`).
 *
 * uWSGI treats SIGTERM as "reload" unless `--die-on-term` is given: its stop signal becomes SIGINT.
 */
import { imageStateAt, insertLines, lineageInstructions } from "../analysis/dockerfileFacts";
import { detectServerFramework } from "../analysis/python";
import { DockerfileModel, type DockerInstruction } from "../model/dockerfile";
import { applyEdits, type TextEdit } from "../text";
import type { GoalChangeOutcome } from "./types";

/** Programs that are an init themselves, or supervise the real process. */
const INIT = /^(tini|dumb-init|catatonit|s6-svscan|supervisord|runsvdir|gosu|su-exec)$/;

const baseName = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** Why the exec-form command needs an init as PID 1, or undefined when it handles SIGTERM itself. */
function needsInit(argv: readonly string[]): string | undefined {
  const prog = baseName(argv[0] ?? "");
  if (prog === "" || INIT.test(prog)) return undefined;
  if (/^(node|nodejs)$/.test(prog)) return "Node installs no SIGTERM handler, so as PID 1 it ignores `docker stop`";
  if (/^python[0-9.]*$/.test(prog) && detectServerFramework([argv]) === undefined)
    return "a Python program installs no SIGTERM handler, so as PID 1 it ignores `docker stop`";
  return undefined;
}

export function signalHandling(options: { path: string; text: string }): GoalChangeOutcome {
  const model = new DockerfileModel(options.path, options.text);
  const stage = model.finalStage;
  if (!stage) return { kind: "none" };
  const lineage = lineageInstructions(model, stage);
  const last = (k: string) => lineage.filter((i) => i.keyword === k).pop();
  const cmd = last("CMD");
  if (!cmd || !cmd.isExecForm) return { kind: "none" };
  const argv = cmd.jsonArgs ?? [];
  if (last("STOPSIGNAL") !== undefined) return { kind: "none" };

  if (last("ENTRYPOINT") === undefined && baseName(argv[0] ?? "") === "uwsgi" && !argv.includes("--die-on-term")) {
    const edit = insertLines(model, { line: cmd.range.start.line, character: 0 }, [
      "# uWSGI reloads on SIGTERM (docker stop's signal) unless --die-on-term; SIGINT stops it",
      "STOPSIGNAL SIGINT",
    ]);
    return edit ? { kind: "change", title: "Stop uWSGI with SIGINT", text: applyEdits(options.text, [edit]) } : { kind: "none" };
  }

  // an ENTRYPOINT of the user's (a script that execs, an init) decides what PID 1 is
  if (last("ENTRYPOINT") !== undefined) return { kind: "none" };
  const why = needsInit(argv);
  if (!why) return { kind: "none" };
  const title = "Run the command under an init (tini)";
  const line = cmd.range.start.line + 1;
  // installing needs root and a package manager where the install goes: before the stage's first USER, else the CMD
  const own = stage.instructions;
  const firstUser = own.find((i) => i.keyword === "USER");
  const at: DockerInstruction = firstUser ?? cmd;
  // the image just before that instruction
  const state = imageStateAt(model, stage, at);
  const user = state.user;
  const root = user === "root" || user === "0" || user === "0:0";
  const pm = state.packageManager;
  const advice: GoalChangeOutcome = {
    kind: "advice",
    title,
    message: `${why}: run it with an init, \`init: true\` on the compose service (or \`docker run --init\`)${
      pm === "apt" || pm === "apk" ? ", or install tini as root and make it the ENTRYPOINT" : ""
    }`,
    line,
  };
  if (!root || state.shell !== true || (pm !== "apt" && pm !== "apk")) return advice;
  const install =
    pm === "apt"
      ? ["RUN apt-get update \\", "    && apt-get install -y --no-install-recommends tini \\", "    && rm -rf /var/lib/apt/lists/*"]
      : ["RUN apk add --no-cache tini"];
  const edits: (TextEdit | undefined)[] = [
    insertLines(model, { line: at.range.start.line, character: 0 }, [
      "# tini runs as PID 1: it passes docker stop's SIGTERM on to the app and reaps orphaned processes",
      ...install,
      ...(at === cmd ? ['ENTRYPOINT ["tini", "--"]'] : []),
    ]),
    ...(at === cmd ? [] : [insertLines(model, { line: cmd.range.start.line, character: 0 }, ['ENTRYPOINT ["tini", "--"]'])]),
  ];
  if (edits.some((e) => e === undefined)) return advice;
  return { kind: "change", title, text: applyEdits(options.text, edits as TextEdit[]) };
}
