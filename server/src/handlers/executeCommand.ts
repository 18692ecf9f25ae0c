import { ResponseError } from "vscode-languageserver";
import { CommandError, runServerCommand, type CommandHost } from "../services/commands";
import type { ServerContext } from "../services/context";

/** `workspace/executeCommand`: review, refine, generators and config lookup (services/commands.ts). */
export function registerExecuteCommand(ctx: ServerContext): void {
  const host: CommandHost = {
    documents: ctx.documents,
    fs: (uri) => ctx.linting.workspace(uri),
    roots: () => ctx.settings.roots,
    config: (uri, fs) => ctx.linting.configFor(uri, fs),
    realPath: ctx.realPath,
    kindOf: (uri, languageId) => ctx.linting.kindOfUri(uri, languageId),
    capabilities: () => ctx.capabilities,
  };
  ctx.connection.onExecuteCommand(async (params) => {
    try {
      let result = await runServerCommand(host, params.command, params.arguments?.[0]);
      // in the browser the files come through the client: once they are in, the (read-only) command runs again
      for (let round = 0; round < 4 && (await ctx.linting.settleFiles()); round++)
        result = await runServerCommand(host, params.command, params.arguments?.[0]);
      return result;
    } catch (error) {
      if (error instanceof CommandError) throw new ResponseError(-32602, error.message);
      ctx.log(`${params.command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(-32603, `${params.command} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
