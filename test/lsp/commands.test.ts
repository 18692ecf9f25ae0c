/**
 * The server-side commands (workspace/executeCommand) that the editor's review, refine and generator commands
 * call: the same answers for any client, computed from the open text and the nearest config file, never writing.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ExecuteCommandRequest, type TextDocumentEdit, type TextEdit } from "vscode-languageserver-protocol/node";
import { applyEdits } from "../../server/src/engine/text";
import {
  SERVER_COMMANDS,
  type ConfigResponse,
  type GenerateResponse,
  type ProjectResponse,
  type RefineResponse,
  type ReviewResponse,
  type RulesResponse,
} from "../../server/src/services/protocol";
import { startServer, type TestServer } from "./helpers/client";

const PROJECTS = join(__dirname, "../fixtures/projects");

describe("server commands (workspace/executeCommand)", () => {
  let server: TestServer;
  const run = <R>(command: string, args: object) =>
    server.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] }) as Promise<R>;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("declares its commands in executeCommandProvider", () => {
    assert.deepEqual(
      [...(server.initializeResult.capabilities.executeCommandProvider?.commands ?? [])].sort(),
      Object.values(SERVER_COMMANDS).sort(),
    );
  });

  it("review reads the open (unsaved) text and honours a nested .shipshape.json", async () => {
    server.writeFile("nested/app/.shipshape.json", JSON.stringify({ rules: { "dockerfile/maintainer-deprecated": "off" } }));
    const text = "FROM python:3.12-slim\nMAINTAINER someone\nRUN pip install flask\n";
    const doc = server.open("nested/app/Dockerfile", "dockerfile", text);
    const plain = server.open("nested/Dockerfile", "dockerfile", text);
    const nested = await run<ReviewResponse>(SERVER_COMMANDS.review, { uri: doc.uri });
    const outer = await run<ReviewResponse>(SERVER_COMMANDS.review, { uri: plain.uri });
    assert.doesNotMatch(nested.markdown, /maintainer-deprecated/, "the nested config turns the rule off");
    assert.match(outer.markdown, /maintainer-deprecated/, "the file outside that folder still gets it");
    assert.match(nested.markdown, /pip-no-cache-dir/);
    // the diagnostics agree with review
    const published = await server.waitForDiagnostics(doc.uri);
    assert.ok(!published.diagnostics.some((d) => d.code === "dockerfile/maintainer-deprecated"));
    const config = await run<ConfigResponse>(SERVER_COMMANDS.config, { uri: doc.uri });
    assert.equal(config.file, server.uriOf("nested/app/.shipshape.json"));
    assert.deepEqual(config.rules, { "dockerfile/maintainer-deprecated": "off" });
  });

  it("refine returns one versioned edit and writes nothing", async () => {
    const text = "FROM python:3.12-slim\nRUN pip install flask\n";
    const doc = server.open("refine/Dockerfile", "dockerfile", text);
    server.change(doc, text + "USER 1000\n");
    const result = await run<RefineResponse>(SERVER_COMMANDS.refine, { uri: doc.uri, goal: "size" });
    assert.equal(result.goal, "smaller-image");
    assert.ok(result.changed);
    assert.ok(
      result.applied.some((a) => a.ruleId === "dockerfile/pip-no-cache-dir"),
      JSON.stringify(result.applied),
    );
    const change = result.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: doc.uri, version: 2 }, "pinned to the text it was computed from");
    const newText = (change.edits[0] as { newText?: string } | undefined)?.newText ?? "";
    assert.match(newText, /pip install --no-cache-dir flask/);
    assert.match(newText, /USER 1000/, "computed from the unsaved text");
    // the preview's right side is what the edit makes of the open text
    assert.equal(result.text, applyEdits(text + "USER 1000\n", change.edits as TextEdit[]));
    assert.equal(existsSync(join(server.root, "refine/Dockerfile")), false, "nothing written");
  });

  it("refine for security creates a .dockerignore for COPY . .: in the edit and in the diff, written by nobody", async () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "app.py"]\n';
    server.writeFile("secure/app.py", "print('hi')\n");
    const doc = server.open("secure/Dockerfile", "dockerfile", text);
    const result = await run<RefineResponse>(SERVER_COMMANDS.refine, { uri: doc.uri, goal: "security" });
    assert.ok(result.changed);
    assert.ok(result.goalChanges.some((c) => c.ruleId === "dockerfile/dockerignore-present"));
    const created = (result.edit?.documentChanges ?? []).some(
      (c) => "kind" in c && c.kind === "create" && c.uri.endsWith("/secure/.dockerignore"),
    );
    assert.ok(created, JSON.stringify(result.edit));
    assert.match(result.diff, /--- \/dev\/null\n\+\+\+ b\/\.dockerignore\n/);
    assert.equal(existsSync(join(server.root, "secure/.dockerignore")), false, "nothing written");
  });

  it("generate returns the planned files with create/conflict and their edits, writing nothing", async () => {
    cpSync(join(PROJECTS, "uv-fastapi-src"), join(server.root, "shop"), { recursive: true });
    server.writeFile("shop/Dockerfile", "FROM python:3.12\n");
    const dir = server.uriOf("shop");
    const facts = await run<ProjectResponse>(SERVER_COMMANDS.project, { dir });
    assert.equal(facts.hasManifest, true);
    assert.equal(facts.folder, dir);
    const result = await run<GenerateResponse>(SERVER_COMMANDS.generate, {
      generator: "dockerfile",
      dir,
      options: { flavour: "slim", devStage: false, compose: false },
    });
    const dockerfile = result.files.find((f) => f.path === "Dockerfile");
    assert.equal(dockerfile?.action, "conflict");
    assert.equal(dockerfile?.uri, server.uriOf("shop/Dockerfile"));
    assert.match(dockerfile?.diff ?? "", /^-FROM python:3\.12$/m);
    assert.deepEqual(dockerfile?.edit.documentChanges?.[0], { kind: "create", uri: dockerfile?.uri, options: { overwrite: true } });
    const ignore = result.files.find((f) => f.path === ".dockerignore");
    assert.equal(ignore?.action, "create");
    assert.equal(ignore?.outside, false);
    assert.ok(result.nextSteps.some((s) => s.startsWith("Build:")));
    assert.equal(readFileSync(join(server.root, "shop/Dockerfile"), "utf8"), "FROM python:3.12\n", "nothing written");
    assert.equal(existsSync(join(server.root, "shop/.dockerignore")), false);

    const makefile = await run<GenerateResponse>(SERVER_COMMANDS.generate, {
      generator: "recipes",
      dir,
      options: { recipes: ["db"], makefile: true },
      only: ["Makefile"],
    });
    assert.deepEqual(
      makefile.files.map((f) => f.path),
      ["Makefile"],
    );
    assert.match(makefile.command ?? "", /^docker compose -f compose\.yml -f compose\.db\.yml/);
  });

  it("review links each line to the file (file:line) and names each finding's severity as the diagnostics do", async () => {
    const text = "FROM python:3.12-slim\nMAINTAINER someone\nRUN pip install flask\n";
    const doc = server.open("reviewlinks/Dockerfile", "dockerfile", text);
    const review = await run<ReviewResponse>(SERVER_COMMANDS.review, { uri: doc.uri });
    const published = await server.waitForDiagnostics(doc.uri);
    const words = ["", "error", "warning", "info", "hint"];
    for (const d of published.diagnostics) {
      const line = d.range.start.line + 1;
      const entry = review.markdown.split("\n").find((l) => l.includes(`(${doc.uri}#L${line})`) && l.includes(String(d.code)));
      assert.ok(entry, `the report has a linked line ${line} for ${String(d.code)}:\n${review.markdown}`);
      assert.ok(entry.includes(`(${words[d.severity ?? 0]})`), `same severity as the diagnostic (${words[d.severity ?? 0]}): ${entry}`);
    }
  });

  it("generate offers a merge for an existing .dockerignore (only the missing entries), and refuses Dagster without Dagster", async () => {
    cpSync(join(PROJECTS, "uv-fastapi-src"), join(server.root, "merge"), { recursive: true });
    server.writeFile("merge/.dockerignore", ".git\nnode_modules\n");
    const dir = server.uriOf("merge");
    const result = await run<GenerateResponse>(SERVER_COMMANDS.generate, { generator: "dockerignore", dir });
    const ignore = result.files.find((f) => f.path === ".dockerignore");
    assert.equal(ignore?.action, "conflict");
    assert.ok(ignore?.merge, "a merge is offered");
    assert.ok(ignore.merge.contents.startsWith(".git\nnode_modules\n"));
    assert.ok(!ignore.merge.added.includes(".git"), "an entry the file has is not added again");
    assert.ok(ignore.merge.added.length > 0);
    assert.match(ignore.merge.diff, /^\+\.env\*$/m);
    assert.equal(readFileSync(join(server.root, "merge/.dockerignore"), "utf8"), ".git\nnode_modules\n", "nothing written");
    const dagster = await run<GenerateResponse>(SERVER_COMMANDS.generate, { generator: "dagster", dir });
    assert.match(dagster.error ?? "", /no Dagster definitions/);
    assert.deepEqual(dagster.files, []);
    const facts = await run<ProjectResponse>(SERVER_COMMANDS.project, { dir });
    assert.match(facts.refusals.dagster ?? "", /no Dagster definitions/);
    assert.equal(facts.refusals.dockerfile, undefined);
  });

  it("rules lists every rule with its severity for a file (its config applied)", async () => {
    server.writeFile("ruleslist/.shipshape.json", JSON.stringify({ rules: { "dockerfile/pin-base-image": "error" } }));
    const doc = server.open("ruleslist/Dockerfile", "dockerfile", "FROM python:3.12-slim\n");
    const listed = await run<RulesResponse>(SERVER_COMMANDS.rules, { uri: doc.uri });
    const pin = listed.rules.find((r) => r.id === "dockerfile/pin-base-image");
    assert.equal(pin?.severity, "error");
    assert.notEqual(pin?.defaultSeverity, "error");
    assert.match(pin?.url ?? "", /pin-base-image\.md$/);
    assert.equal(listed.file, server.uriOf("ruleslist/.shipshape.json"));
    const defaults = await run<RulesResponse>(SERVER_COMMANDS.rules, {});
    assert.equal(defaults.rules.find((r) => r.id === "dockerfile/pin-base-image")?.severity, pin?.defaultSeverity);
  });

  it("a wrongly typed rule option is a configuration message; the rule runs with its default", async () => {
    server.setSettings({ rules: { "compose/pin-image": { options: { allowedTags: "latest" } } } });
    const doc = server.open("typed/compose.yaml", "dockercompose", "services:\n  web:\n    image: nginx:latest\n");
    const published = await server.waitForDiagnostics(doc.uri);
    assert.ok(
      published.diagnostics.some((d) => d.code === "compose/pin-image"),
      JSON.stringify(published.diagnostics.map((d) => d.code)),
    );
    assert.ok(
      server.logs.some((l) => /compose\/pin-image: option "allowedTags": expected a list of strings/.test(l)),
      server.logs.join("\n"),
    );
    assert.ok(!server.logs.some((l) => /rule compose\/pin-image failed/.test(l)), "the rule did not throw");
    const config = await run<ConfigResponse>(SERVER_COMMANDS.config, { uri: doc.uri });
    assert.match(config.problems.join(), /allowedTags/);
    server.setSettings({});
  });

  it("bad arguments are an error response with a message, and the server keeps serving", async () => {
    await assert.rejects(run(SERVER_COMMANDS.refine, { uri: server.uriOf("x/Dockerfile"), goal: "world peace" }), /goal/);
    await assert.rejects(run(SERVER_COMMANDS.review, { uri: 42 }), /uri/);
    await assert.rejects(run(SERVER_COMMANDS.review, { uri: server.uriOf("nope/Dockerfile") }), /cannot read/);
    await assert.rejects(run(SERVER_COMMANDS.generate, { generator: "nonsense", dir: server.uriOf("") }), /generator/);
    await assert.rejects(
      run(SERVER_COMMANDS.generate, { generator: "dockerfile", dir: server.uriOf(""), options: { flavour: "hardened", registry: "dhi" } }),
      /registry "dhi": Docker would read "dhi" as a Docker Hub account/,
    );
    await assert.rejects(run(SERVER_COMMANDS.project, { dir: server.uriOf("missing") }), /does not exist/);
    const facts = await run<ProjectResponse>(SERVER_COMMANDS.project, { dir: server.uriOf("") });
    assert.equal(facts.hasManifest, false);
  });
});
