import type { DockerfileModel, Stage } from "../model/dockerfile";
import { copyArgs, lineageInstructions } from "./dockerfileFacts";

/** A CMD that only opens a shell or an interpreter's prompt: the image is there to run what others give it. */
const INTERACTIVE =
  /^(sh|bash|ash|dash|zsh|python[\d.]*|node|irb|ruby|php|jshell|ghci|iex|erl|lua|perl|pwsh|powershell(\.exe)?|cmd(\.exe)?)$/i;
/** Files a base image copies from its context without being an application: entrypoint and helper scripts. */
const HELPER_SCRIPT = /(^|\/)([^/]*entrypoint[^/]*|[^/]+\.(sh|bash|ps1|envsh))$/i;

/**
 * True when the stage builds an image for others to build on or to run their own code in, as the official
 * language and toolchain images do (`golang`, `python`, `node`): it starts no application of its own (no CMD, or
 * a CMD that only opens a shell or an interpreter) and takes nothing from the build context but helper scripts.
 * Compilers and headers are what such an image ships on purpose.
 */
export function buildsImageForOthers(model: DockerfileModel, stage: Stage): boolean {
  const instructions = lineageInstructions(model, stage);
  const cmd = [...instructions].reverse().find((i) => i.keyword === "CMD");
  if (cmd) {
    const words = cmd.jsonArgs ?? cmd.argsText.trim().split(/\s+/);
    const program = (words[0] ?? "").replace(/^.*[/\\]/, "");
    if (!INTERACTIVE.test(program) || words.slice(1).some((w) => w !== "" && !w.startsWith("-"))) return false;
  }
  for (const ins of instructions) {
    const c = copyArgs(ins);
    if (!c || model.flag(ins, "from")) continue;
    if (c.sources.some((s) => !HELPER_SCRIPT.test(s))) return false;
  }
  return true;
}
