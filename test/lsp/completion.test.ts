/**
 * Completion never gets in the way of typing: nothing preselected, nothing offered over a value the user typed,
 * the Dockerfile list re-asked at every keystroke (so keyword snippets from the first letters do not stay on
 * screen over the value), snippets only where their text can start and filtered on the whole prefix, dashes
 * included. The real-editor side (Enter after `USER 10001` inserts a newline) is in scripts/e2e/editorUi.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CompletionRequest, type CompletionItem, type CompletionList } from "vscode-languageserver-protocol/node";
import { startServer, type TestServer } from "./helpers/client";

describe("completion while typing", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  const complete = async (name: string, languageId: string, text: string): Promise<CompletionList> => {
    const doc = server.open(name, languageId, text);
    const lines = text.split("\n");
    const position = { line: lines.length - 1, character: (lines[lines.length - 1] as string).length };
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: doc.uri },
      position,
    })) as CompletionList | null;
    return list ?? { isIncomplete: false, items: [] };
  };
  const labels = (l: CompletionList) => l.items.map((i) => i.label);

  it("offers nothing over a typed Dockerfile value, and marks the list incomplete so the editor asks again", async () => {
    for (const [i, line] of ["USER 10001", "EXPOSE 8000", "FROM python:3.12-slim", "USER app", "WORKDIR /app"].entries()) {
      const list = await complete(`values${i}/Dockerfile`, "dockerfile", `FROM alpine:3.20\n${line}`);
      assert.deepEqual(labels(list), [], `${line}: ${labels(list).join(", ")}`);
    }
    const keyword = await complete("keyword/Dockerfile", "dockerfile", "FROM alpine:3.20\nUS");
    assert.ok(
      labels(keyword).some((l) => l.startsWith("USER")),
      labels(keyword).join(", "),
    );
    assert.equal(keyword.isIncomplete, true, "a list built from the first letters must be asked for again");
    // `USER daemon` is filtered as `USER`: the space after the keyword no longer matches and the list closes
    const user = keyword.items.find((i) => i.label.startsWith("USER "));
    assert.equal(user?.filterText, "USER", JSON.stringify(user));
  });

  it("never preselects an item (Enter would take it)", async () => {
    const lists = [
      await complete("pre1/Dockerfile", "dockerfile", "FROM alpine:3.20\nHEALTHCHECK "),
      await complete("pre2/Dockerfile", "dockerfile", "FROM alpine:3.20\nR"),
      await complete("pre3/compose.yaml", "dockercompose", "services:\n  web:\n    image: nginx:1.27\n    restart: "),
      await complete("pre4/compose.yaml", "dockercompose", "services:\n  web:\n    image: nginx:1.27\n    "),
    ];
    const preselected: CompletionItem[] = lists.flatMap((l) => l.items.filter((i) => i.preselect));
    assert.deepEqual(
      preselected.map((i) => i.label),
      [],
    );
  });

  it("a snippet prefix with a dash keeps matching: the edit covers the whole typed prefix", async () => {
    const text = "services:\n  db:\n    image: postgres:17\n    healthcheck-";
    const list = await complete("dash/compose.yaml", "dockercompose", text);
    const item = list.items.find((i) => i.label === "healthcheck-postgres");
    assert.ok(item, labels(list).join(", "));
    assert.equal(item.filterText, "healthcheck-postgres");
    const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [4, 16]);
    assert.match(edit.newText, /^healthcheck:\n {2}test:/);
    assert.equal(list.isIncomplete, true);
    const docker = await complete("dash/Dockerfile", "dockerfile", "FROM python:3.13-slim\nhealthcheck-");
    assert.ok(labels(docker).includes("healthcheck-http-python"), labels(docker).join(", "));
  });

  it("compose snippets only where their block can start", async () => {
    const service = "services:\n  db:\n    image: postgres:17\n    ";
    const at = async (name: string, text: string) => labels(await complete(name, "dockercompose", text));
    const underService = await at("s1/compose.yaml", service);
    assert.ok(underService.includes("healthcheck-postgres") && underService.includes("resource-limits"), underService.join(", "));
    assert.ok(!underService.includes("recipe-db") && !underService.includes("init-service"), underService.join(", "));

    const underServices = await at("s2/compose.yaml", "services:\n  db:\n    image: postgres:17\n  ");
    assert.ok(underServices.includes("init-service"), underServices.join(", "));
    assert.ok(!underServices.some((l) => l.startsWith("healthcheck-") || l.startsWith("recipe-")), underServices.join(", "));

    const top = await at("s3/compose.yaml", "services:\n  db:\n    image: postgres:17\n");
    assert.ok(top.includes("recipe-db") && top.includes("x-anchor"), top.join(", "));
    assert.ok(!top.includes("healthcheck-postgres"), top.join(", "));

    for (const [i, text] of [
      service.replace(/ {4}$/, "    user: h"),
      "services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - ",
      "services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      db:\n        ",
      "services:\n  api:\n    image: nginx:1.27\n    environment:\n      ",
    ].entries()) {
      const found = (await at(`none${i}/compose.yaml`, text)).filter((l) =>
        /^(healthcheck-|recipe-|init-service|resource-limits|x-anchor)/.test(l),
      );
      assert.deepEqual(found, [], JSON.stringify(text));
    }
  });

  it("Dockerfile snippets only where an instruction starts", async () => {
    const start = await complete("d1/Dockerfile", "dockerfile", "FROM python:3.13-slim\n");
    assert.ok(labels(start).includes("nonroot-user"), labels(start).join(", "));
    for (const [i, text] of [
      "FROM python:3.13-slim\nRUN apt",
      "FROM python:3.13-slim\nRUN echo a && \\\n    ",
      "FROM python:3.13-slim\n# non",
    ].entries()) {
      const l = labels(await complete(`d${i + 2}/Dockerfile`, "dockerfile", text));
      assert.ok(!l.includes("nonroot-user") && !l.includes("apt-install"), `${JSON.stringify(text)}: ${l.join(", ")}`);
    }
  });

  it(".dockerignore gets its snippets under the dockerignore language id", async () => {
    const list = await complete("ignore/.dockerignore", "dockerignore", "node_modules\n");
    assert.ok(labels(list).includes("dockerignore-python"), labels(list).join(", "));
  });
});
