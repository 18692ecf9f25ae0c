import { ErrorCodes, ResponseError, type TextDocumentEdit, type WorkspaceEdit } from "vscode-languageserver";
import { composePrepareRename, composeRename } from "../engine/navigation/compose";
import { composeRequest, dockerfileRequest } from "../services/composeEditing";
import type { ServerContext } from "../services/context";
import { guard } from "./guard";

/** Compose: rename a service, network, volume, config, secret or anchor in every file of the project. */
export function registerRename(ctx: ServerContext): void {
  ctx.connection.onPrepareRename(
    guard("prepareRename", ctx.log, null, async (p) => {
      const df = await dockerfileRequest(ctx, p.textDocument.uri);
      if (df) return df.base ? ctx.dockerfile.prepareRename(df.text, p.position) : null;
      const req = await composeRequest(ctx, p.textDocument.uri, "rename");
      if (!req) return null;
      return composePrepareRename(req.model, p.position) ?? null;
    }),
  );
  ctx.connection.onRenameRequest(
    guard("rename", ctx.log, null, async (p): Promise<WorkspaceEdit | ResponseError | null> => {
      const df = await dockerfileRequest(ctx, p.textDocument.uri);
      if (df) {
        if (!df.base) return null;
        const edits = ctx.dockerfile.rename(p.textDocument.uri, df.text, p.position, p.newName);
        return edits.length ? { changes: { [p.textDocument.uri]: edits } } : null;
      }
      const req = await composeRequest(ctx, p.textDocument.uri, "rename");
      if (!req) return null;
      const result = composeRename(req.project, req.model, p.position, p.newName);
      if (!result) return null;
      if ("error" in result) return new ResponseError(ErrorCodes.InvalidParams, result.error);
      const edits = [...result.edits];
      if (!ctx.capabilities.workspace?.workspaceEdit?.documentChanges)
        return { changes: Object.fromEntries(edits.map(([path, e]) => [req.uriOf(path), e])) };
      // versions pin the edits to the text they were computed from; files not open are edited on disk
      const documentChanges: TextDocumentEdit[] = edits.map(([path, e]) => {
        const uri = req.uriOf(path);
        return { textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null }, edits: e };
      });
      return { documentChanges };
    }),
  );
}
