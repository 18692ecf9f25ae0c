import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { composeHover } from "../../../../server/src/engine/hovers/compose";
import { ComposeFileModel } from "../../../../server/src/engine/model/compose";
import { loadComposeProject } from "../../../../server/src/engine/model/composeProject";
import { memoryFs } from "../../../../server/src/engine/workspace";

function hoverAt(code: string, files: Record<string, string> = {}, fileName = "compose.yml") {
  const at = code.indexOf("|");
  const text = code.slice(0, at) + code.slice(at + 1);
  const before = text.slice(0, at).split("\n");
  const position = { line: before.length - 1, character: (before[before.length - 1] as string).length };
  const path = `/ws/${fileName}`;
  const fs = memoryFs({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/ws/${k}`, v])), [path]: text });
  const file = new ComposeFileModel(path, text);
  return composeHover(file, loadComposeProject(file, fs), position);
}

describe("compose hovers", () => {
  it("over a service in depends_on: the merged definition from all files", () => {
    const h = hoverAt(
      "services:\n  api:\n    depends_on:\n      - d|b\n",
      {
        "compose.yml":
          'services:\n  api:\n    image: acme/api:1.0\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n',
      },
      "compose.override.yml",
    );
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } });
    assert.match(h.markdown, /Service `db`/);
    assert.match(h.markdown, /postgres:16\.4/);
    assert.match(h.markdown, /pg_isready/);
    assert.match(h.markdown, /compose\.yml/);
  });

  it("over a long-form depends_on key, without healthcheck", () => {
    const h = hoverAt(
      "services:\n  api:\n    image: a:1\n    depends_on:\n      ca|che:\n        condition: service_started\n  cache:\n    image: redis:7.2\n",
    );
    assert.ok(h);
    assert.match(h.markdown, /healthcheck: none/);
  });

  it("over an image: pinned or not, and the recommended healthcheck", () => {
    const h = hoverAt("services:\n  db:\n    image: post|gres\n");
    assert.ok(h);
    assert.match(h.markdown, /not pinned/);
    assert.match(h.markdown, /pg_isready/);
    assert.match(h.markdown, /No `curl` or `wget`/);
    const pinned = hoverAt("services:\n  cache:\n    image: redis:7.2-al|pine\n");
    assert.match(pinned?.markdown ?? "", /pinned to tag `7\.2-alpine`/);
    assert.match(pinned?.markdown ?? "", /redis-cli/);
  });

  it("practice notes over keys", () => {
    assert.match(
      hoverAt("services:\n  api:\n    image: a:1\n    depends_o|n: [db]\n  db:\n    image: b:1\n")?.markdown ?? "",
      /service_healthy/,
    );
    assert.match(hoverAt("vers|ion: '3'\nservices: {}\n")?.markdown ?? "", /no-version-key/);
    assert.match(hoverAt("services:\n  api:\n    image: a:1\n    env|ironment:\n      A: b\n")?.markdown ?? "", /no-literal-secrets/);
  });

  it("nothing over plain values we know nothing about", () => {
    assert.equal(hoverAt("services:\n  api:\n    image: a:1\n    environment:\n      A: b|c\n"), undefined);
  });
});
