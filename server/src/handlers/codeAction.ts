import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from "vscode-languageserver";
import { singleEdit } from "../engine/fixes";
import { BUDGET_RULE_ID, SKIPPED_FILE_RULE_ID } from "../engine/linter";
import { suppressionAnchor, suppressionEdit } from "../engine/suppressions";
import { LineIndex, comparePositions, type Range } from "../engine/text";
import type { ServerContext } from "../services/context";
import { DIAGNOSTIC_SOURCE, isFindingData } from "../services/diagnostics";
import { ENCODING_RULE_ID } from "../engine/encoding";
import { LINE_BREAKS_RULE_ID } from "../engine/lineBreaks";
import {
  FIX_ALL_KIND,
  FIX_ALL_REPORT_COMMAND,
  SAVE_AS_UTF8_COMMAND,
  SORT_SERVICE_KEYS_KIND,
  type FixAllReport,
} from "../services/protocol";
import { sortServiceKeysAction } from "../services/composeEditing";
import { baseFeatures } from "../services/features";
import { fixToWorkspaceEdit } from "../services/workspaceEdits";
import { guard } from "./guard";

/** Quick fixes straight from the diagnostics' data, "Suppress <rule> on this line", and fix-all for safe fixes. */
export function registerCodeAction(ctx: ServerContext): void {
  ctx.connection.onCodeAction(guard("codeAction", ctx.log, [], (params) => codeActions(ctx, params)));
}

const MAX_DIAGNOSTICS_PER_REQUEST = 200;

function touches(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + "."));
}

export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const doc = ctx.documents.get(uri);
  if (!doc) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const lines = new LineIndex(doc.getText());
    // clients send the diagnostics under the cursor; a generic one may send them all
    const relevant = params.context.diagnostics.filter((d) => touches(d.range, params.range)).slice(0, MAX_DIAGNOSTICS_PER_REQUEST);
    const state = ctx.linting.state(uri);
    const suppressed = new Set<string>();
    for (const d of relevant) {
      if (d.source !== DIAGNOSTIC_SOURCE || !isFindingData(d.data) || typeof d.code !== "string") continue;
      const data = d.data;
      let preferredGiven = false;
      for (const fix of data.fixes) {
        const edit = fixToWorkspaceEdit(uri, data.version, fix.edits, fix.changes, ctx.capabilities, ctx.documents);
        if (!edit) continue;
        const preferred: boolean = fix.safe && !preferredGiven;
        preferredGiven ||= preferred;
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred || undefined, edit });
      }
      if (d.code === ENCODING_RULE_ID) {
        const action = saveAsUtf8Action(ctx, uri, d);
        if (action) actions.push(action);
        continue;
      }
      // the file-level findings of the engine (skipped file, lone-CR line breaks, time budget) are not rules a comment can silence
      if (
        d.code !== SKIPPED_FILE_RULE_ID &&
        d.code !== LINE_BREAKS_RULE_ID &&
        d.code !== BUDGET_RULE_ID &&
        data.version === doc.version &&
        state?.version === doc.version
      ) {
        const anchor = suppressionAnchor(state.model, lines, d.range.start, data.fileScope ? "file" : undefined);
        // one comment per rule and place, however many findings share it
        const key = `${d.code}@${anchor.line}`;
        if (!suppressed.has(key)) actions.push(suppressAction(ctx, uri, doc.version, d, d.code, anchor, lines));
        suppressed.add(key);
      }
    }
    const base = await baseFeatures(ctx, uri);
    if (base?.kind === "dockerfile" && base.enabled)
      actions.push(...ctx.dockerfile.codeActions(uri, doc.getText(), params.range, { ...params.context, diagnostics: relevant }));
  }

  if (wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(ctx, uri, doc.version);
    if (fixAll) actions.push(fixAll);
  }
  // asked for by kind only (the Source Action menu, the Sort Service Keys command), never offered unasked
  if (only?.some((k) => SORT_SERVICE_KEYS_KIND === k || SORT_SERVICE_KEYS_KIND.startsWith(k + "."))) {
    const sort = await sortServiceKeysAction(ctx, uri);
    if (sort) actions.push(sort);
  }
  return actions;
}

/**
 * A file saved as UTF-16: no text edit can change a file's encoding, so where the client has a command for it
 * (VS Code: its encoding picker, Save with Encoding) the action runs that; other clients get the message's steps.
 * Not for a UTF-16 `.env` next to a compose file: that file is not the one open here.
 */
function saveAsUtf8Action(ctx: ServerContext, uri: string, d: Diagnostic): CodeAction | undefined {
  if (
    !ctx.clientCommands.has(SAVE_AS_UTF8_COMMAND) ||
    !uri.startsWith("file:") ||
    typeof d.message !== "string" ||
    !d.message.startsWith("This file ")
  )
    return undefined;
  return {
    title: "Save this file as UTF-8…",
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    command: { title: "Save this file as UTF-8…", command: SAVE_AS_UTF8_COMMAND, arguments: [uri] },
  };
}

/** `# shipshape-ignore <id>` above the instruction or YAML key; joins an ignore comment already there. */
function suppressAction(
  ctx: ServerContext,
  uri: string,
  version: number,
  d: Diagnostic,
  ruleId: string,
  anchor: { line: number; indent: string; file?: true },
  lines: LineIndex,
): CodeAction {
  const { capabilities, documents } = ctx;
  const edit = suppressionEdit(lines, anchor, ruleId);
  return {
    title: anchor.file ? `Suppress ${ruleId} in this file` : `Suppress ${ruleId} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: fixToWorkspaceEdit(uri, version, [edit], undefined, capabilities, documents),
  };
}

/** Every safe fix that only touches this file, applied to a fixed point by the engine's one applier, as one edit. */
function fixAllAction(ctx: ServerContext, uri: string, version: number): CodeAction | undefined {
  const result = ctx.linting.fixAll(uri);
  if (!result || !result.changed) return undefined;
  const state = ctx.linting.state(uri);
  if (!state || state.version !== version) return undefined;
  const report: FixAllReport = {
    uri,
    applied: result.applied.length,
    rules: [...new Set(result.applied.map((a) => a.ruleId))],
    remaining: result.findings.length,
    converged: result.converged,
  };
  return {
    title: "Fix all safe Shipshape problems",
    kind: FIX_ALL_KIND,
    edit: fixToWorkspaceEdit(uri, version, [singleEdit(state.text, result.text)], undefined, ctx.capabilities, ctx.documents),
    // run after the edit: says what was applied and what is left (only a client that has the command gets it)
    ...(ctx.clientCommands.has(FIX_ALL_REPORT_COMMAND)
      ? { command: { title: "Report what Fix all did", command: FIX_ALL_REPORT_COMMAND, arguments: [report] } }
      : {}),
  };
}
