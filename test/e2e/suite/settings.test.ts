// Settings take effect without a reload: `shipshape.rules` (turn a rule off, change its severity) and the
// `shipshape.languageFeatures` coexistence switch.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  activateExtension,
  findingFor,
  hoverText,
  openFixture,
  setWorkspaceSetting,
  waitFor,
  waitForFinding,
  waitForNoFinding,
} from "./helpers";

const RULE = "dockerfile/maintainer-deprecated";

suite("settings", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test("shipshape.rules: a rule set to off disappears, and comes back when the setting is removed", async () => {
    const { uri } = await openFixture("Dockerfile", RULE);
    const restore = await setWorkspaceSetting("shipshape", "rules", { [RULE]: "off" });
    try {
      await waitForNoFinding(uri, RULE);
      assert.ok(findingFor(uri, "dockerfile/pin-base-image"), "other rules still report");
    } finally {
      await restore();
    }
    await waitForFinding(uri, RULE);
  });

  test("shipshape.rules: changing a rule's severity changes the diagnostic's severity", async () => {
    const { uri } = await openFixture("Dockerfile", RULE);
    const restore = await setWorkspaceSetting("shipshape", "rules", { [RULE]: "error" });
    try {
      await waitFor(`${RULE} reported as an error`, () => findingFor(uri, RULE)?.severity === vscode.DiagnosticSeverity.Error);
    } finally {
      await restore();
    }
    await waitFor(`${RULE} back to a warning`, () => findingFor(uri, RULE)?.severity === vscode.DiagnosticSeverity.Warning);
  });

  test("shipshape.rules: the object form { severity } works for compose rules too", async () => {
    const { uri } = await openFixture("compose.yaml", "compose/no-version-key");
    const restore = await setWorkspaceSetting("shipshape", "rules", { "compose/no-version-key": { severity: "info" } });
    try {
      await waitFor(
        "compose/no-version-key reported as information",
        () => findingFor(uri, "compose/no-version-key")?.severity === vscode.DiagnosticSeverity.Information,
      );
    } finally {
      await restore();
    }
  });

  test("shipshape.languageFeatures off removes our base hovers; rule hovers stay", async () => {
    const { uri, doc } = await openFixture("Dockerfile", RULE);
    // WORKDIR on line 3 has no finding: any hover there is the base (instruction reference) hover
    const workdir = new vscode.Position(2, 2);
    assert.match(doc.lineAt(2).text, /^WORKDIR/);
    const hoverAt = async (p: vscode.Position) =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, p));
    const on = await waitFor("a base hover on WORKDIR (languageFeatures on)", async () => (await hoverAt(workdir)) || undefined);
    assert.match(on, /WORKDIR|working directory/i);
    const restore = await setWorkspaceSetting("shipshape", "languageFeatures", "off");
    try {
      await waitFor("the WORKDIR hover to disappear with languageFeatures off", async () => (await hoverAt(workdir)) === "");
      const finding = findingFor(uri, RULE) as vscode.Diagnostic;
      assert.match(await hoverAt(finding.range.start.translate(0, 1)), /maintainer-deprecated/, "the rule hover is still there");
    } finally {
      await restore();
    }
    await waitFor("the WORKDIR hover to come back", async () => (await hoverAt(workdir)) !== "");
  });
});
