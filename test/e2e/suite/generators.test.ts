// The generator commands in the real extension host: each writes its files into a fixture project
// (test/e2e/workspace/projects/*), with the questions and the overwrite confirmation answered through the
// command's argument object, and every written Dockerfile, compose file and .dockerignore lints clean in the
// editor — proven by a round trip: a deliberate violation appears as a diagnostic, and once removed, nothing is left.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, fixtureUri, openFixture, rulesIn, waitFor, waitForFinding } from "./helpers";

interface WriteResult {
  written: string[];
  skipped: string[];
  unchanged: string[];
  folder: string;
}

const decoder = new TextDecoder();
const read = async (uri: vscode.Uri) => decoder.decode(await vscode.workspace.fs.readFile(uri));

/** A deliberate violation for each kind of file we lint: the edit, and the rule it must raise. */
function sentinelFor(name: string): { text: (original: string) => string; rule: string } | undefined {
  if (/^(Dockerfile|Containerfile)|\.dockerfile$/i.test(name)) {
    return { text: (t) => `${t}MAINTAINER e2e <e2e@example.com>\n`, rule: "dockerfile/maintainer-deprecated" };
  }
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/i.test(name)) return { text: (t) => `version: "3.8"\n${t}`, rule: "compose/no-version-key" };
  // without a .git folder in the build context, exclude-git has nothing to say: the env-file check speaks for the group
  if (name === ".dockerignore") return { text: () => "# nothing excluded\n", rule: "dockerignore/exclude-env-files" };
  return undefined;
}

/**
 * Opens a generated file and proves the language server has linted it and found nothing: it inserts a
 * violation, waits for that diagnostic, restores the generated text, and then expects no diagnostics at all.
 */
async function assertLintsClean(uri: vscode.Uri): Promise<void> {
  const name = uri.path.split("/").pop() ?? "";
  const sentinel = sentinelFor(name);
  if (!sentinel) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  const generated = doc.getText();
  const replaceAll = async (text: string) => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `edit of ${name} applied`);
  };
  await replaceAll(sentinel.text(generated));
  await waitForFinding(uri, sentinel.rule);
  await replaceAll(generated);
  await waitFor(
    `the ${sentinel.rule} diagnostic on ${name} to go after restoring the generated text`,
    () => !rulesIn(uri).includes(sentinel.rule),
  );
  if (doc.isDirty) await doc.save();
  // "no diagnostics" as the user sees it: nothing in the Problems view, which lists errors, warnings and
  // information but not hints (the generators' own tests hold the same line: zero findings at info or above)
  const describe = (d: vscode.Diagnostic) =>
    `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1} ${d.source ?? ""} ${typeof d.code === "object" ? d.code.value : (d.code ?? "")}: ${d.message}`;
  const all = vscode.languages.getDiagnostics(uri);
  const hints = all.filter((d) => d.severity === vscode.DiagnosticSeverity.Hint);
  if (hints.length) console.log(`      (hints on ${name}: ${hints.map(describe).join("; ")})`);
  assert.deepEqual(
    all.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map(describe),
    [],
    `${name} as generated has diagnostics`,
  );
}

async function assertAllClean(result: WriteResult): Promise<void> {
  for (const path of result.written) await assertLintsClean(vscode.Uri.joinPath(vscode.Uri.file(result.folder), ...path.split("/")));
}

suite("generator commands", () => {
  suiteSetup(async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      "shipshape.generateDockerfile",
      "shipshape.generateDagster",
      "shipshape.assembleRecipes",
      "shipshape.addDockerignore",
    ]) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  test('"Generate hardened Dockerfile" keeps an existing Dockerfile when the confirmation says skip', async () => {
    const dir = fixtureUri("projects", "shop");
    const before = await read(vscode.Uri.joinPath(dir, "Dockerfile"));
    const result = await vscode.commands.executeCommand<WriteResult>("shipshape.generateDockerfile", {
      dir,
      flavour: "slim",
      devStage: false,
      compose: false,
      overwrite: "skip",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    assert.ok(result.skipped.includes("Dockerfile"), `Dockerfile skipped: ${JSON.stringify(result)}`);
    assert.equal(await read(vscode.Uri.joinPath(dir, "Dockerfile")), before, "the existing Dockerfile is unchanged");
  });

  test('"Generate hardened Dockerfile" (dev stage + compose files) overwrites when confirmed, and its files lint clean', async () => {
    const dir = fixtureUri("projects", "shop");
    const result = await vscode.commands.executeCommand<WriteResult>("shipshape.generateDockerfile", {
      dir,
      flavour: "slim",
      devStage: true,
      compose: true,
      overwrite: "overwrite",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    for (const f of ["Dockerfile", "compose.yml", "compose.override.yml"])
      assert.ok(result.written.includes(f), `${f} written: ${JSON.stringify(result)}`);
    const dockerfile = await read(vscode.Uri.joinPath(dir, "Dockerfile"));
    assert.match(dockerfile, /^FROM python:3\.\d+-slim\S* AS /m, "a pinned slim multi-stage build");
    assert.match(dockerfile, /^USER /m, "a non-root user");
    await assertAllClean(result);
  });

  test('"Generate hardened Dockerfile" (hardened) asks for the registry in an input box; Enter keeps dhi.io', async () => {
    const dir = fixtureUri("projects", "shop");
    let done = false;
    const running = Promise.resolve(
      vscode.commands.executeCommand<WriteResult>("shipshape.generateDockerfile", {
        dir,
        flavour: "hardened",
        devStage: false,
        compose: false,
        overwrite: "overwrite",
      }),
    ).finally(() => (done = true));
    // the input box opens once the server has read the project: Enter on it, repeated until the command is done
    for (let i = 0; i < 100 && !done; i++) {
      await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await running;
    assert.ok(result?.written.includes("Dockerfile"), JSON.stringify(result));
    assert.match(await read(vscode.Uri.joinPath(dir, "Dockerfile")), /^FROM dhi\.io\/python:/m, "the default registry's images");
    await assertAllClean(result);
  });

  test('"Add .dockerignore" writes a .dockerignore that lints clean', async () => {
    const dir = fixtureUri("projects", "shop");
    const result = await vscode.commands.executeCommand<WriteResult>("shipshape.addDockerignore", {
      dir,
      overwrite: "overwrite",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    assert.ok([...result.written, ...result.unchanged].includes(".dockerignore"), JSON.stringify(result));
    assert.match(await read(vscode.Uri.joinPath(dir, ".dockerignore")), /^\.git\/?$/m);
    await assertLintsClean(vscode.Uri.joinPath(dir, ".dockerignore"));
  });

  test('"Generate Dagster compose setup" writes the stack, and its files lint clean', async () => {
    const dir = fixtureUri("projects", "pipelines");
    const result = await vscode.commands.executeCommand<WriteResult>("shipshape.generateDagster", {
      dir,
      flavour: "slim",
      overwrite: "overwrite",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    for (const f of ["compose.yml", "compose.override.yml", "dagster/dagster.yaml", "dagster/workspace.yaml", ".env.example"])
      assert.ok(result.written.includes(f), `${f} written: ${JSON.stringify(result.written)}`);
    assert.ok(result.written.filter((f) => /Dockerfile/.test(f)).length >= 2, `Dockerfiles written: ${JSON.stringify(result.written)}`);
    await assertAllClean(result);
  });

  test('"Assemble compose stack from recipes" writes the base file and one file per recipe, and they lint clean', async () => {
    const dir = fixtureUri("projects", "stack");
    // the api recipe builds the project's image, so the project gets its Dockerfile first
    await vscode.commands.executeCommand("shipshape.generateDockerfile", {
      dir,
      flavour: "slim",
      devStage: false,
      compose: false,
      overwrite: "overwrite",
      quiet: true,
    });
    const result = await vscode.commands.executeCommand<WriteResult & { command: string }>("shipshape.assembleRecipes", {
      dir,
      recipes: ["db", "cache", "api"],
      makefile: false,
      overwrite: "overwrite",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    for (const f of ["compose.yml", "compose.db.yml", "compose.cache.yml", "compose.api.yml"])
      assert.ok(result.written.includes(f), `${f} written: ${JSON.stringify(result.written)}`);
    assert.match(result.command, /^docker compose -f compose\.yml -f compose\.db\.yml/);
    await assertAllClean(result);
  });

  // after the test above, which needs a project no recipe has been written to (it checks what is written)
  test('"Assemble compose stack from recipes" with the developer override and Makefile (--dev, --makefile)', async () => {
    const dir = fixtureUri("projects", "stack");
    await vscode.commands.executeCommand("shipshape.generateDockerfile", {
      dir,
      flavour: "slim",
      devStage: true,
      compose: false,
      overwrite: "overwrite",
      quiet: true,
    });
    const result = await vscode.commands.executeCommand<WriteResult & { command: string }>("shipshape.assembleRecipes", {
      dir,
      recipes: ["db", "api"],
      flavour: "slim",
      dev: true,
      makefile: true,
      overwrite: "overwrite",
      quiet: true,
    });
    assert.ok(result, "the command returns what it wrote");
    for (const f of ["compose-dev.yml", "Makefile"])
      assert.ok(result.written.includes(f), `${f} written: ${JSON.stringify(result.written)}`);
    await assertAllClean(result);
  });
});

suite("review and refine", () => {
  test('"Review this file" reports Critical / Improvements / Good for the fixture Dockerfile', async () => {
    const { uri } = await openFixture("Dockerfile", "dockerfile/maintainer-deprecated");
    const result = await vscode.commands.executeCommand<{ markdown: string; critical: number; improvements: number; good: string[] }>(
      "shipshape.reviewFile",
      { uri, show: "none" },
    );
    assert.ok(result, "the command returns the review");
    assert.ok(result.critical + result.improvements > 0, `findings in the review: ${JSON.stringify({ ...result, markdown: undefined })}`);
    for (const heading of ["Critical", "Improvements", "Good"]) assert.match(result.markdown, new RegExp(`^#+ .*${heading}`, "m"));
    assert.match(result.markdown, /maintainer-deprecated/);
  });

  /** The diff tab refine opens (the file now ↔ the refined text), while its question is open. */
  const refineDiff = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === "shipshape-preview");

  /**
   * Runs refine without an answer, so it asks beside its diff as it asks a user, and answers with a workbench
   * command (the quick pick's Enter or Escape), repeated until the command finishes: the question shows only
   * after the diff has opened.
   */
  async function refineAnswering(
    uri: vscode.Uri,
    workbenchAnswer: string,
  ): Promise<{ result: { applied: { ruleId: string }[]; changed: boolean; cancelled?: boolean } | undefined; proposed: string }> {
    let done = false;
    const running = Promise.resolve(
      vscode.commands.executeCommand<{ applied: { ruleId: string }[]; changed: boolean; cancelled?: boolean }>("shipshape.refineFile", {
        uri,
        goal: "smaller-image",
      }),
    ).finally(() => (done = true));
    const tab = await waitFor("the refine diff to open", refineDiff);
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), uri.toString(), "left: the file as it is");
    const proposed = (await vscode.workspace.openTextDocument(input.modified)).getText();
    for (let i = 0; i < 50 && !done; i++) {
      await vscode.commands.executeCommand(workbenchAnswer);
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await running;
    await waitFor("the refine diff to close once answered", () => !refineDiff());
    return { result, proposed };
  }

  test('"Refine for a goal" shows its change as a diff; Escape writes nothing', async () => {
    const { uri, doc } = await openFixture("Dockerfile", "dockerfile/pip-no-cache-dir");
    const before = doc.getText();
    const { result, proposed } = await refineAnswering(uri, "workbench.action.closeQuickOpen");
    assert.match(proposed, /pip install --no-cache-dir/, "the diff's right side is the refined file");
    assert.equal(result?.cancelled, true, JSON.stringify(result));
    assert.equal(result?.changed, false);
    assert.equal(doc.getText(), before, "the file is unchanged");
    assert.equal(doc.isDirty, false, "not even an unsaved change");
  });

  test('"Refine for a goal" (smaller image): Enter applies the previewed change as one undoable edit', async () => {
    const { uri, doc } = await openFixture("Dockerfile", "dockerfile/pip-no-cache-dir");
    const before = doc.getText();
    const { result, proposed } = await refineAnswering(uri, "workbench.action.acceptSelectedQuickOpenItem");
    assert.ok(result?.changed, `the file changed: ${JSON.stringify(result)}`);
    assert.ok(
      result.applied.some((a) => a.ruleId === "dockerfile/pip-no-cache-dir"),
      JSON.stringify(result.applied),
    );
    assert.equal(doc.getText(), proposed, "the file is what the diff showed");
    await waitFor("the pip-no-cache-dir diagnostic to go after refine", () => !rulesIn(uri).includes("dockerfile/pip-no-cache-dir"));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand("undo");
    assert.equal(doc.getText(), before, "one undo restores the file");
    if (doc.isDirty) await doc.save();
  });

  test('"Refine for a goal" with the answer given: applies without asking', async () => {
    const { uri, doc } = await openFixture("Dockerfile", "dockerfile/pip-no-cache-dir");
    const result = await vscode.commands.executeCommand<{ changed: boolean }>("shipshape.refineFile", {
      uri,
      goal: "smaller-image",
      answer: "apply",
      quiet: true,
    });
    assert.ok(result?.changed, JSON.stringify(result));
    assert.match(doc.getText(), /pip install --no-cache-dir/);
    assert.equal(refineDiff(), undefined, "no diff was opened");
  });
});
