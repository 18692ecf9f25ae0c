/** What "Fix all" (the server's `source.fixAll.shipshape` action) runs after its edit: it says what it did. */
import * as vscode from "vscode";
import type { FixAllReport } from "../../../server/src/services/protocol";

/** The sentence shown after Fix all: "Applied N fixes (rules…); M findings still need a decision". */
export function fixAllMessage(report: FixAllReport): string {
  const fixes = `${report.applied} fix${report.applied === 1 ? "" : "es"}`;
  const rules = report.rules.length ? ` (${report.rules.join(", ")})` : "";
  const left =
    report.remaining === 0
      ? "no findings left"
      : `${report.remaining} finding${report.remaining === 1 ? "" : "s"} still need${report.remaining === 1 ? "s" : ""} a decision (see the Problems view)`;
  const more = report.converged ? "" : " Some safe fixes are left (time ran out): run Fix all again.";
  return `Shipshape: applied ${fixes}${rules}; ${left}.${more}`;
}

export async function fixAllApplied(report: FixAllReport | undefined): Promise<void> {
  if (!report || typeof report.applied !== "number") return;
  void vscode.window.showInformationMessage(fixAllMessage(report));
}
