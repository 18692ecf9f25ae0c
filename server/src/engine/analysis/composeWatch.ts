/**
 * A Dockerfile that a compose file builds for a service with `develop.watch` is a development image: Compose Watch
 * syncs source edits into the running container and rebuilds it, a workflow for working on the code (the compose
 * documentation calls it a development feature). Only compose files in the Dockerfile's folder and the one above
 * it are read (where `build: .` and `build: ./backend` point from), by their standard names.
 */
import { isMap, isScalar } from "yaml";
import { ComposeFileModel, scalarText } from "../model/compose";
import { dirname, join, resolvePath } from "../paths";
import type { WorkspaceFs } from "../types";

const COMPOSE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
/** Compose files bigger than this are not parsed here (the compose rules still read them). */
const MAX_TEXT = 512 * 1024;

export function builtForComposeWatch(dockerfilePath: string, fs: WorkspaceFs, cache?: Map<string, ComposeFileModel>): boolean {
  const here = dirname(dockerfilePath);
  for (const dir of new Set([here, dirname(here)])) {
    for (const name of COMPOSE_NAMES) {
      const path = join(dir, name);
      const text = fs.readFile(path);
      if (text === undefined || text.length > MAX_TEXT) continue;
      // the run's parse of that compose file when it has one (its own lint, or another Dockerfile beside it)
      let compose = cache?.get(path);
      if (compose?.text !== text) {
        try {
          compose = new ComposeFileModel(path, text);
        } catch {
          continue;
        }
        cache?.set(path, compose);
      }
      for (const svc of compose.services) {
        const develop = svc.node?.get("develop");
        if (!isMap(develop) || develop.get("watch") === undefined) continue;
        const build: unknown = svc.node?.get("build", true);
        let context: string | undefined;
        let file = "Dockerfile";
        if (isScalar(build)) context = scalarText(build);
        else if (isMap(build)) {
          context = scalarText(build.get("context", true)) ?? ".";
          file = scalarText(build.get("dockerfile", true)) ?? "Dockerfile";
        }
        if (context === undefined || /\$|:\/\//.test(context + file)) continue;
        if (resolvePath(resolvePath(dir, context), file) === dockerfilePath) return true;
      }
    }
  }
  return false;
}
