/** The server's command host over the real disk, in-process: what the language server gives services/commands.ts. */
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { detectKind } from "../../../server/src/engine/kinds";
import type { WorkspaceFs } from "../../../server/src/engine/types";
import { diskFs } from "../../../server/src/node/diskFs";
import { realPath } from "../../../server/src/node/realPath";
import { CLIENT_CAPABILITIES } from "../../lsp/helpers/client";
import { runServerCommand, type CommandHost } from "../../../server/src/services/commands";
import { findConfigFile } from "../../../server/src/engine/configLookup";
import { DEFAULT_SETTINGS, mergeConfig } from "../../../server/src/services/settings";
import { uriToPath } from "../../../server/src/services/uris";

export function commandHost(roots: () => readonly string[], fs: WorkspaceFs = diskFs): CommandHost {
  return {
    documents: new TextDocuments(TextDocument),
    fs: () => fs,
    roots,
    config: async (uri, files) => {
      const found = findConfigFile(uriToPath(uri), files, roots());
      return { config: mergeConfig(found?.config, DEFAULT_SETTINGS), file: found?.path, problems: found?.problems ?? [] };
    },
    realPath,
    kindOf: (uri, languageId) => detectKind(uriToPath(uri), languageId),
    capabilities: () => CLIENT_CAPABILITIES,
  };
}

/** A ServerApi for the client's commands that calls the server's command code directly. */
export function inProcessApi(host: CommandHost): {
  call<R>(command: string, args: object): Promise<R>;
  asWorkspaceEdit(): never;
} {
  return {
    // through JSON, as over the wire
    call: async <R>(command: string, args: object) => JSON.parse(JSON.stringify(await runServerCommand(host, command, args))) as R,
    asWorkspaceEdit: () => {
      throw new Error("not used by the generator commands");
    },
  };
}
