import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from "vscode-languageserver";
import { SKIPPED_FILE_RULE_ID } from "../engine/linter";
import { LineIndex, comparePositions } from "../engine/text";
import type { ServerContext } from "../services/context";
import { DIAGNOSTIC_SOURCE, isFindingData } from "../services/diagnostics";
import { suppressionAnchor } from "../services/suppressionAnchor";
import { FIX_ALL_KIND } from "../services/protocol";
import { baseFeatures } from "../services/features";
import { fixToWorkspaceEdit } from "../services/workspaceEdits";
import { guard } from "./guard";

/** Quick fixes straight from the diagnostics' data, "Suppress <rule> on this line", and fix-all for safe fixes. */
export function registerCodeAction(ctx: ServerContext): void {
  ctx.connection.onCodeAction(guard("codeAction", ctx.log, [], (params) => codeActions(ctx, params)));
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
    for (const d of params.context.diagnostics) {
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
      const state = ctx.linting.state(uri);
      if (d.code !== SKIPPED_FILE_RULE_ID && data.version === doc.version && state?.version === doc.version)
        actions.push(suppressAction(ctx, uri, doc.version, d, d.code, suppressionAnchor(state.model, lines, d.range.start), lines));
    }
    const base = await baseFeatures(ctx, uri);
    if (base?.kind === "dockerfile" && base.enabled)
      actions.push(...ctx.dockerfile.codeActions(uri, doc.getText(), params.range, params.context));
  }

  if (wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(ctx, uri, doc.version);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** `# shipshape-ignore <id>` above the instruction or YAML key; joins an ignore comment already there. */
function suppressAction(
  ctx: ServerContext,
  uri: string,
  version: number,
  d: Diagnostic,
  ruleId: string,
  anchor: { line: number; indent: string },
  lines: LineIndex,
): CodeAction {
  const { capabilities, documents } = ctx;
  const above = anchor.line - 1;
  const prev = above >= 0 ? lines.lineText(above) : "";
  let edit: TextEdit;
  if (/^\s*#\s*shipshape-ignore\s+[^\s-][^-]*$/.test(prev)) {
    const end = { line: above, character: prev.trimEnd().length };
    edit = { range: { start: end, end }, newText: ` ${ruleId}` };
  } else {
    const at = { line: anchor.line, character: 0 };
    edit = { range: { start: at, end: at }, newText: `${anchor.indent}# shipshape-ignore ${ruleId}${lines.eol}` };
  }
  return {
    title: `Suppress ${ruleId} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: fixToWorkspaceEdit(uri, version, [edit], undefined, capabilities, documents),
  };
}

/** Every safe fix of the current findings that only touches this file, skipping fixes that overlap an earlier one. */
function fixAllAction(ctx: ServerContext, uri: string, version: number): CodeAction | undefined {
  const state = ctx.linting.state(uri);
  if (!state || state.version !== version) return undefined;
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) =>
    comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
  const samePoint = (a: TextEdit, b: TextEdit) =>
    comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
  for (const f of state.findings) {
    const fix = f.fixes.find((x) => x.safe && !(x.changes && x.changes.length));
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t) || samePoint(e, t)))) continue;
    taken.push(...fix.edits);
  }
  if (taken.length === 0) return undefined;
  return {
    title: "Fix all safe Shipshape problems",
    kind: FIX_ALL_KIND,
    edit: fixToWorkspaceEdit(uri, version, taken, undefined, ctx.capabilities, ctx.documents),
  };
}
