// Diagnostics, rule hovers, quick fixes and "Fix all" in the real extension host, on the fixture workspace
// (test/e2e/workspace: a Dockerfile and a compose file that break a few rules on purpose).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { ruleById } from "../../../server/src/engine/rules";
import {
  activateExtension,
  applyCodeAction,
  findingFor,
  hoverText,
  openFixture,
  ours,
  rulesIn,
  waitFor,
  waitForFinding,
  waitForCodeAction,
  waitForNoFinding,
} from "./helpers";

/** Rules the fixture files break on purpose; each must show up as a diagnostic with that code. */
export const DOCKERFILE_RULES = [
  "dockerfile/maintainer-deprecated",
  "dockerfile/pin-base-image",
  "dockerfile/exec-form-cmd",
  "dockerfile/non-root-user",
  "dockerfile/pip-no-cache-dir",
];
export const COMPOSE_RULES = ["compose/no-version-key", "compose/pin-image", "compose/no-literal-secrets"];

suite("diagnostics, hovers and fixes", () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test("the extension is active and its language server publishes diagnostics for the Dockerfile", async () => {
    const { uri } = await openFixture("Dockerfile", "dockerfile/maintainer-deprecated");
    for (const id of DOCKERFILE_RULES) await waitForFinding(uri, id);
    assert.deepEqual(
      DOCKERFILE_RULES.filter((id) => !rulesIn(uri).includes(id)),
      [],
    );
  });

  test("diagnostics carry source, code and a link to the rule page", async () => {
    const { uri } = await openFixture("Dockerfile", "dockerfile/maintainer-deprecated");
    const d = findingFor(uri, "dockerfile/maintainer-deprecated") as vscode.Diagnostic;
    assert.equal(d.source, "shipshape");
    assert.equal(d.range.start.line, 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(typeof d.code === "object", "code should be { value, target } (codeDescription.href)");
    assert.match(d.code.target.toString(), /docs\/rules\/dockerfile\/maintainer-deprecated\.md$/);
  });

  test("compose file diagnostics carry the expected rule codes", async () => {
    const { uri, doc } = await openFixture("compose.yaml", "compose/no-version-key");
    assert.equal(doc.languageId, "dockercompose");
    for (const id of COMPOSE_RULES) await waitForFinding(uri, id);
    const version = findingFor(uri, "compose/no-version-key") as vscode.Diagnostic;
    assert.equal(version.range.start.line, 0);
  });

  test("hover over a finding shows one line: rule link, why, fix", async () => {
    const { uri } = await openFixture("Dockerfile", "dockerfile/maintainer-deprecated");
    const d = findingFor(uri, "dockerfile/maintainer-deprecated") as vscode.Diagnostic;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, d.range.start.translate(0, 1));
    const text = hoverText(hovers);
    const meta = ruleById("dockerfile/maintainer-deprecated")?.meta;
    assert.ok(meta, "rule metadata exists");
    assert.ok(text.includes("dockerfile/maintainer-deprecated"), `hover names the rule:\n${text}`);
    // one line: the rule link first, then why and the fix; the examples stay on the rule page
    assert.match(
      text,
      /\[dockerfile\/maintainer-deprecated\]\(\S+docs\/rules\/dockerfile\/maintainer-deprecated\.md\) — .*(Quick fix|Fix): /,
    );
    assert.ok(!text.includes("Instead of:"), `hover is short:\n${text}`);
  });

  test("hover over a compose finding shows its rule line", async () => {
    const { uri } = await openFixture("compose.yaml", "compose/no-version-key");
    const d = findingFor(uri, "compose/no-version-key") as vscode.Diagnostic;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, d.range.start.translate(0, 1));
    const text = hoverText(hovers);
    const meta = ruleById("compose/no-version-key")?.meta;
    assert.ok(meta, "rule metadata exists");
    assert.match(text, /\[compose\/no-version-key\]\(\S+\) — .*(Quick fix|Fix): /, `hover has the rule's line:\n${text}`);
  });

  test("the quick fix for MAINTAINER repairs the line and the diagnostic goes away", async () => {
    const { uri, doc } = await openFixture("Dockerfile", "dockerfile/maintainer-deprecated");
    const { action: fix, all: actions } = await waitForCodeAction(
      uri,
      () => findingFor(uri, "dockerfile/maintainer-deprecated")?.range,
      vscode.CodeActionKind.QuickFix.value,
      (a) => a.kind?.value === "quickfix" && /LABEL/.test(a.title),
      "a LABEL quick fix for MAINTAINER",
    );
    assert.ok(
      actions.some((a) => /suppress|ignore/i.test(a.title)),
      "a suppression action is offered too",
    );
    await applyCodeAction(fix);
    assert.match(doc.lineAt(1).text, /^LABEL org\.opencontainers\.image\.authors="Jane Doe <jane@example\.com>"$/);
    await waitForNoFinding(uri, "dockerfile/maintainer-deprecated");
    // the other findings are still there: the server re-linted, it did not just clear everything
    assert.ok(findingFor(uri, "dockerfile/pin-base-image"), "other findings remain");
  });

  test("the quick fix for the compose version key deletes it", async () => {
    const { uri, doc } = await openFixture("compose.yaml", "compose/no-version-key");
    const { action: fix } = await waitForCodeAction(
      uri,
      () => findingFor(uri, "compose/no-version-key")?.range,
      vscode.CodeActionKind.QuickFix.value,
      (a) => a.kind?.value === "quickfix" && /version/i.test(a.title) && !/suppress|ignore/i.test(a.title),
      "a quick fix for the version key",
    );
    await applyCodeAction(fix);
    assert.ok(!/^version:/m.test(doc.getText()), "version: is gone");
    await waitForNoFinding(uri, "compose/no-version-key");
  });

  test("the literal-secret quick fix edits two files: ${VAR} in compose.yaml and the variable in .env.example", async () => {
    const { uri, doc } = await openFixture("compose.yaml", "compose/no-literal-secrets");
    const { action: fix } = await waitForCodeAction(
      uri,
      () => findingFor(uri, "compose/no-literal-secrets")?.range,
      vscode.CodeActionKind.QuickFix.value,
      (a) => a.kind?.value === "quickfix" && /\.env\.example/.test(a.title),
      "a ${VAR} + .env.example quick fix for the literal secret",
    );
    const envExample = vscode.Uri.joinPath(uri, "..", ".env.example");
    await applyCodeAction(fix);
    assert.match(doc.getText(), /POSTGRES_PASSWORD: "?\$\{POSTGRES_PASSWORD\}"?/);
    await waitForNoFinding(uri, "compose/no-literal-secrets");
    const example = await waitFor(".env.example to be created", async () => {
      const open = vscode.workspace.textDocuments.find((t) => t.uri.toString() === envExample.toString());
      if (open) return open.getText();
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(envExample));
      } catch {
        return undefined;
      }
    });
    assert.match(example, /^POSTGRES_PASSWORD=/m);
    assert.ok(!example.includes("hunter2"), "the secret itself is not copied into .env.example");
  });

  test('"Fix all" (source.fixAll.shipshape) applies the safe fixes', async () => {
    for (const [name, safeRule] of [
      ["Dockerfile", "dockerfile/maintainer-deprecated"],
      ["compose.yaml", "compose/no-version-key"],
    ] as const) {
      const { uri, doc } = await openFixture(name, safeRule);
      const before = ours(uri).length;
      const full = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      const { action: fixAll } = await waitForCodeAction(
        uri,
        full,
        "source.fixAll.shipshape",
        (a) => a.kind?.value === "source.fixAll.shipshape",
        `${name}: a source.fixAll.shipshape action`,
      );
      await applyCodeAction(fixAll);
      await waitForNoFinding(uri, safeRule);
      await waitFor(`${name}: fewer findings than the ${before} before "Fix all"`, () => ours(uri).length < before);
    }
  });
});
