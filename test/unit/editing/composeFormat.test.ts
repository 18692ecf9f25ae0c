import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { formatCompose, formatComposeText } from "../../../server/src/engine/format/compose";
import { applyEdits } from "../../../server/src/engine/text";

const fmt = (text: string, tabSize = 2) => formatComposeText(text, { tabSize });

describe("compose formatting (layout only)", () => {
  it("re-indents every block level to the tab size and indents sequences under their key", () => {
    const before = "services:\n    web:\n        image: nginx:1.27\n        ports:\n        - 80:80\n        -   443:443\n";
    assert.equal(fmt(before), "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 80:80\n      - 443:443\n");
    assert.equal(
      fmt(before, 4),
      "services:\n    web:\n        image: nginx:1.27\n        ports:\n            - 80:80\n            - 443:443\n",
    );
  });

  it("keeps comments (moved with their level), blank lines, anchors, merge keys and key order", () => {
    const before = [
      "# project",
      "x-base: &base",
      "      restart: always",
      "",
      "services:",
      "   db:   # the database",
      "      <<: *base",
      "      # the image",
      "      image:    postgres:17",
      "   api:",
      "      image: api:1.0",
      "",
    ].join("\n");
    assert.equal(
      fmt(before),
      [
        "# project",
        "x-base: &base",
        "  restart: always",
        "",
        "services:",
        "  db: # the database",
        "    <<: *base",
        "    # the image",
        "    image: postgres:17",
        "  api:",
        "    image: api:1.0",
        "",
      ].join("\n"),
    );
  });

  it("a comment right above a deeper key moves with that key", () => {
    assert.equal(
      fmt("services:\n    # the app\n    app:\n        image: x\n        # after image\n    # about db\n    db: {}\n# end\n"),
      "services:\n  # the app\n  app:\n    image: x\n    # after image\n  # about db\n  db: {}\n# end\n",
    );
  });

  it("moves block scalars and multi-line flow values with their key, keeping their content byte for byte", () => {
    const before =
      "services:\n    job:\n        command: |\n          echo a  \n            indented\n        dns: [1.1.1.1,\n              8.8.8.8]\n";
    const after = fmt(before);
    assert.equal(after, "services:\n  job:\n    command: |\n      echo a  \n        indented\n    dns: [1.1.1.1,\n          8.8.8.8]\n");
  });

  it("turns single quotes into double quotes only where the value cannot change", () => {
    const before = "services:\n  a:\n    image: 'nginx:1.27'\n    command: 'echo \"hi\"'\n    entrypoint: 'C:\\tools'\n    user: 'it''s'\n";
    assert.equal(
      fmt(before),
      "services:\n  a:\n    image: \"nginx:1.27\"\n    command: 'echo \"hi\"'\n    entrypoint: 'C:\\tools'\n    user: 'it''s'\n",
    );
  });

  it("compact nested sequences and maps in sequences", () => {
    const before =
      "services:\n  a:\n    volumes:\n    -    type: bind\n         source: ./x\n         target: /x\n    labels:\n    - - one\n      - two\n";
    assert.equal(
      fmt(before),
      "services:\n  a:\n    volumes:\n      - type: bind\n        source: ./x\n        target: /x\n    labels:\n      - - one\n        - two\n",
    );
  });

  it("keeps CRLF line breaks and returns one edit per changed line", () => {
    const before = "services:\r\n    web:\r\n        image: nginx:1.27\r\n";
    const edits = formatCompose(before, { tabSize: 2 });
    assert.equal(edits.length, 2);
    assert.equal(applyEdits(before, edits), "services:\r\n  web:\r\n    image: nginx:1.27\r\n");
  });

  it("refuses files it cannot format safely: syntax errors, tabs", () => {
    assert.equal(fmt("services:\n  web:\n    image: [unclosed\n"), undefined);
    assert.equal(fmt("services:\n\tweb: {}\n"), undefined);
    assert.deepEqual(formatCompose("services:\n  web: [\n", { tabSize: 2 }), []);
  });

  it("on every compose file in the repository: same YAML tree, idempotent", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules" || name.startsWith(".") || name === "dist") continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/(compose)[^/]*\.ya?ml$/i.test(name)) files.push(p);
      }
    };
    walk(join(__dirname, "../../.."));
    assert.ok(files.length > 10);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const tab of [2, 4]) {
        const once = fmt(text, tab);
        if (once === undefined) continue;
        assert.equal(fmt(once, tab), once, `${f} (tab ${tab}) is not stable`);
        const a = parseAllDocuments(text).map((d) => JSON.stringify(d.toJS({ maxAliasCount: 100 })));
        const b = parseAllDocuments(once).map((d) => JSON.stringify(d.toJS({ maxAliasCount: 100 })));
        assert.deepEqual(b, a, f);
      }
    }
  });
});
