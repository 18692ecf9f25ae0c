/**
 * "Refine for a goal…" in the editor, with a stand-in `vscode` (vscodeMock.ts) and the server's command code
 * in-process: the goal's whole change (larger changes and safe fixes) is shown as a diff of the file now against the
 * refined text, with a question beside it. Apply writes exactly the server's refined text as one edit; Cancel,
 * Escape, or a file that changed while the question was open write nothing.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as mock from "./vscodeMock";
import { commandHost, inProcessApi } from "../helpers/commandHost";
import { SERVER_COMMANDS, type RefineResponse } from "../../../server/src/services/protocol";

const host = commandHost(() => mock.recorded.folders);
const api = { ...inProcessApi(host), asWorkspaceEdit: async (edit: never) => mock.WorkspaceEdit.fromLsp(edit) as never };

const moduleWithResolve = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleWithResolve._resolveFilename;
before(() => {
  moduleWithResolve._resolveFilename = (request, ...rest) =>
    request === "vscode" ? require.resolve("./vscodeMock") : resolve(request, ...rest);
});
after(() => {
  moduleWithResolve._resolveFilename = resolve;
});

const temp = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-refine-")));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A single-stage image that installs a compiler: smaller image splits it into a builder and a runtime stage. */
const DOCKERFILE = `FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["python", "app.py"]
`;

function project(dockerfile = DOCKERFILE): { dir: string; file: string } {
  const dir = mkdtempSync(join(temp, "shop-"));
  writeFileSync(join(dir, "requirements.txt"), "flask\npsycopg2\n");
  writeFileSync(join(dir, "app.py"), "print('hi')\n");
  writeFileSync(join(dir, ".dockerignore"), ".git\n.env\n.venv\n");
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  mock.recorded.folders = [dir];
  mock.recorded.errors = [];
  mock.recorded.infos = [];
  mock.recorded.commands = [];
  mock.recorded.questions = [];
  mock.recorded.asked = [];
  mock.recorded.picks = [];
  mock.recorded.answer = undefined;
  return { dir, file: join(dir, "Dockerfile") };
}

const load = async () =>
  (await import("../../../client/src/commands/refineFile")) as typeof import("../../../client/src/commands/refineFile");
const loadShared = async () =>
  (await import("../../../client/src/commands/shared")) as typeof import("../../../client/src/commands/shared");

/** What the server proposes for the file (the right side of the diff), straight from the server command. */
async function proposed(file: string): Promise<RefineResponse> {
  return api.call<RefineResponse>(SERVER_COMMANDS.refine, { uri: `file://${file}`, goal: "smaller-image" });
}

describe("editor refine: a diff preview, then Apply or Cancel", () => {
  before(async () => (await loadShared()).registerPreviewProvider({ subscriptions: [] } as never));

  it("shows the whole change as a diff (file now ↔ refined) and Apply writes exactly the refined text", async () => {
    const { refineFile } = await load();
    const { file } = project();
    const server = await proposed(file);
    assert.ok(server.goalChanges.length > 0, "the fixture needs a larger change");
    mock.recorded.answer = "apply";
    const result = await refineFile(api, { uri: file, goal: "smaller-image" });
    const diff = mock.recorded.commands.find((c) => c[0] === "vscode.diff");
    assert.ok(diff, "a diff opened");
    assert.equal(String(diff[1]), `file://${file}`, "left: the file as it is");
    const preview = mock.recorded.commands.find((c) => c[0] === "preview");
    assert.equal(preview?.[1], server.text, "right: the server's refined text");
    assert.equal(mock.recorded.questions.length, 1, "one question");
    const ids = mock.recorded.questions[0]?.ids ?? [];
    assert.equal(mock.recorded.questions[0]?.active, "apply", "Apply is the default answer (Enter)");
    assert.deepEqual(ids.slice(0, 2), ["apply", "cancel"]);
    assert.equal(readFileSync(file, "utf8"), server.text, "the file is the refined text");
    assert.match(readFileSync(file, "utf8"), /AS builder/, "the larger change is written");
    assert.equal(result?.changed, true);
    assert.deepEqual(
      result?.goalChanges.map((c) => c.ruleId),
      server.goalChanges.map((c) => c.ruleId),
    );
    assert.match(mock.recorded.infos.join("\n"), /one Ctrl\+Z/);
  });

  it("Cancel writes nothing", async () => {
    const { refineFile } = await load();
    const { dir, file } = project();
    const filesBefore = readdirSync(dir).sort();
    mock.recorded.answer = "cancel";
    const result = await refineFile(api, { uri: file, goal: "smaller-image" });
    assert.equal(readFileSync(file, "utf8"), DOCKERFILE, "the file is unchanged");
    assert.deepEqual(readdirSync(dir).sort(), filesBefore, "no file created");
    assert.equal(result?.changed, false);
    assert.equal(result?.cancelled, true);
    assert.deepEqual(result?.applied, []);
    assert.match(mock.recorded.infos.join("\n"), /cancelled; nothing was changed/);
  });

  it("Escape (the question dismissed) writes nothing", async () => {
    const { refineFile } = await load();
    const { file } = project();
    mock.recorded.answer = undefined;
    const result = await refineFile(api, { uri: file, goal: "smaller-image" });
    assert.equal(mock.recorded.questions.length, 1, "the question was asked");
    assert.equal(readFileSync(file, "utf8"), DOCKERFILE);
    assert.equal(result?.cancelled, true);
  });

  it("a file edited while the question was open is not overwritten with the stale refined text", async () => {
    const { refineFile } = await load();
    const { file } = project();
    const typed = DOCKERFILE.replace("EXPOSE 8000", "EXPOSE 8001");
    // the user types in the diff's left side, then answers Apply
    mock.recorded.answer = "apply";
    const realShow = mock.window.createQuickPick;
    mock.window.createQuickPick = () => {
      writeFileSync(file, typed);
      mock.recorded.versions.set(file, (mock.recorded.versions.get(file) ?? 1) + 1);
      return realShow();
    };
    try {
      const result = await refineFile(api, { uri: file, goal: "smaller-image" });
      assert.equal(result?.changed, false);
    } finally {
      mock.window.createQuickPick = realShow;
    }
    assert.equal(readFileSync(file, "utf8"), typed, "the user's text stays");
    assert.match(mock.recorded.errors.join("\n"), /changed after the refined version was computed/);
  });

  it("lists what it left to the user in the question, and applies nothing of it", async () => {
    const { refineFile } = await load();
    // security: the ARG secret used by RUN becomes a build-secret mount; the ENV secret is advice (the running
    // app may read it), so it stays as it is
    const text = DOCKERFILE.replace("WORKDIR /app", "ENV API_TOKEN=s3cr3t-value\nWORKDIR /app").replace(
      "RUN pip install -r requirements.txt",
      'ARG PIP_TOKEN\nRUN PIP_INDEX_URL="https://user:${PIP_TOKEN}@pypi.example.com/simple" pip install -r requirements.txt',
    );
    const { file } = project(text);
    const server = await api.call<RefineResponse>(SERVER_COMMANDS.refine, { uri: `file://${file}`, goal: "security" });
    assert.ok(server.goalChanges.length > 0 && server.advice.length > 0, JSON.stringify(server));
    mock.recorded.answer = "apply";
    await refineFile(api, { uri: file, goal: "security" });
    const labels = mock.recorded.questions[0]?.labels ?? [];
    for (const c of server.goalChanges) assert.ok(labels.includes(c.title), `the change "${c.title}" is listed: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes("Left to you (not in the change)"), JSON.stringify(labels));
    for (const a of server.advice)
      assert.ok(
        labels.some((l) => l.endsWith(a.title)),
        `the advice "${a.title}" is listed`,
      );
    const written = readFileSync(file, "utf8");
    assert.match(written, /--mount=type=secret,id=pip_token/, "the change is written");
    assert.match(written, /^ENV API_TOKEN=s3cr3t-value$/m, "the advice is not");
    assert.match(mock.recorded.infos.join("\n"), /Left to you/);
  });

  it("a file the change creates is named and shown in the question, created on Apply, and not on Cancel", async () => {
    const { refineFile } = await load();
    // the server's answer when a refinement also creates a file (smaller image adds a missing .dockerignore)
    const withCreatedFile = (dir: string) => {
      const created = `file://${join(dir, ".dockerignore")}`;
      const response: RefineResponse = {
        goal: "smaller-image",
        applied: [],
        goalChanges: [{ ruleId: "dockerfile/dockerignore-present", title: "Add a .dockerignore" }],
        advice: [],
        diff: "",
        text: DOCKERFILE,
        remaining: 0,
        changed: true,
        outside: [],
        edit: {
          documentChanges: [
            { kind: "create", uri: created, options: { overwrite: false, ignoreIfExists: false } },
            {
              textDocument: { uri: created, version: null },
              edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ".git\n.venv\n.env\n" }],
            },
          ],
        },
      };
      return { ...api, call: async <R>() => response as R };
    };
    for (const answer of ["cancel", "apply"] as const) {
      const { dir, file } = project();
      rmSync(join(dir, ".dockerignore"));
      mock.recorded.answer = answer;
      await refineFile(withCreatedFile(dir), { uri: file, goal: "smaller-image" });
      const labels = mock.recorded.questions[0]?.labels ?? [];
      assert.ok(labels.includes("Creates .dockerignore"), `the created file is listed: ${JSON.stringify(labels)}`);
      assert.equal(existsSync(join(dir, ".dockerignore")), answer === "apply", `${answer}: .dockerignore created only on Apply`);
      if (answer === "apply") assert.equal(readFileSync(join(dir, ".dockerignore"), "utf8"), ".git\n.venv\n.env\n");
    }
  });

  it("the answer can be given in the arguments: no question, same edit", async () => {
    const { refineFile } = await load();
    const { file } = project();
    const server = await proposed(file);
    const result = await refineFile(api, { uri: file, goal: "size", answer: "apply", quiet: true });
    assert.equal(mock.recorded.questions.length, 0, "nothing asked");
    assert.equal(readFileSync(file, "utf8"), server.text);
    assert.equal(result?.goal, "smaller-image");
  });

  it("a file with nothing to change for the goal: no diff, no question, a message", async () => {
    const { refineFile } = await load();
    const { file } = project();
    const refined = (await proposed(file)).text ?? "";
    writeFileSync(file, refined);
    const result = await refineFile(api, { uri: file, goal: "smaller-image" });
    assert.equal(result?.changed, false);
    assert.equal(mock.recorded.questions.length, 0);
    assert.ok(!mock.recorded.commands.some((c) => c[0] === "vscode.diff"));
    assert.match(mock.recorded.infos.join("\n"), /nothing to change/);
  });
});
