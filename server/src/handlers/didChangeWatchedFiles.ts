import { CONFIG_FILE_NAMES } from "../engine/config";
import { PEER_CONFIG_NAMES } from "../engine/migrate";
import { basename } from "../engine/paths";
import type { ServerContext } from "../services/context";
import { uriToPath } from "../services/uris";
import { guard } from "./guard";

/** Files changed on disk: a config file re-lints everything, anything else re-lints the documents that read it. */
export function registerDidChangeWatchedFiles(ctx: ServerContext): void {
  ctx.connection.onDidChangeWatchedFiles(
    guard("didChangeWatchedFiles", ctx.log, undefined, (params) => {
      let all = false;
      for (const change of params.changes) {
        const path = uriToPath(change.uri);
        ctx.linting.invalidate(path);
        if (CONFIG_FILE_NAMES.includes(basename(path)) || PEER_CONFIG_NAMES.includes(basename(path))) all = true;
        else ctx.linting.scheduleDependents(path);
      }
      if (all) ctx.linting.scheduleAll();
    }),
  );
}
