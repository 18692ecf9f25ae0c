import type {
  ClientCapabilities,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { FileChange } from "../engine/types";
import { pathToUri } from "./uris";

/**
 * A fix as a WorkspaceEdit: edits to the linted document pinned to the version they were computed for (a
 * client refuses them once the text moved on), plus other files created or edited.
 * Undefined when the client cannot apply it (e.g. it cannot create files).
 */
export function fixToWorkspaceEdit(
  uri: string,
  version: number,
  edits: TextEdit[],
  changes: FileChange[] | undefined,
  capabilities: ClientCapabilities,
  documents: TextDocuments<TextDocument>,
): WorkspaceEdit | undefined {
  const we = capabilities.workspace?.workspaceEdit;
  const versioned = we?.documentChanges === true;
  const canCreate = versioned && (we?.resourceOperations ?? []).includes("create");
  const others = changes ?? [];
  if (others.some((c) => c.create !== undefined) && !canCreate) return undefined;

  if (!versioned) {
    const map: Record<string, TextEdit[]> = {};
    if (edits.length) map[uri] = edits;
    for (const c of others) if (c.edits?.length) (map[pathToUri(c.path)] ??= []).push(...c.edits);
    return { changes: map };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  if (edits.length) documentChanges.push({ textDocument: { uri, version }, edits });
  for (const c of others) {
    const target = pathToUri(c.path);
    if (c.create !== undefined) {
      // no overwrite: the rule saw no such file; if one appeared since, the client reports the edit failed
      documentChanges.push({ kind: "create", uri: target, options: { overwrite: false, ignoreIfExists: false } });
      if (c.create.length)
        documentChanges.push({
          textDocument: { uri: target, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.create }],
        });
    }
    if (c.edits?.length) {
      const open = documents.get(target);
      const id: OptionalVersionedTextDocumentIdentifier = { uri: target, version: open ? open.version : null };
      documentChanges.push({ textDocument: id, edits: c.edits });
    }
  }
  return { documentChanges };
}
