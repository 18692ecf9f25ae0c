import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SERVICE_KEY_ORDER, sortServiceKeys } from "../../../server/src/engine/format/serviceKeys";
import { applyEdits } from "../../../server/src/engine/text";

const sort = (text: string, order?: readonly string[]) => applyEdits(text, sortServiceKeys(text, order));

describe("sort service keys", () => {
  it("orders by dclint's groups, unknown keys after in their own order, one edit per unsorted service", () => {
    const text =
      "services:\n  web:\n    restart: always\n    x-b: 2\n    ports: [80]\n    x-a: 1\n    image: nginx:1.27\n  db:\n    image: postgres:17\n    restart: always\n";
    const edits = sortServiceKeys(text);
    assert.equal(edits.length, 1, "db is sorted already");
    assert.equal(
      applyEdits(text, edits),
      "services:\n  web:\n    image: nginx:1.27\n    ports: [80]\n    restart: always\n    x-b: 2\n    x-a: 1\n  db:\n    image: postgres:17\n    restart: always\n",
    );
    assert.equal(DEFAULT_SERVICE_KEY_ORDER[0], "image");
  });

  it("keeps a merge key first, comments with their key, blank lines in place, anchors and block scalars intact", () => {
    const text = [
      "services:",
      "  api:",
      "    <<: *defaults",
      "    # how it starts",
      "    command: |",
      "      run --fast",
      "",
      "    environment: &env",
      "      A: 1",
      "    build: .",
      "",
    ].join("\n");
    assert.equal(
      sort(text.replace("*defaults", "{}")),
      [
        "services:",
        "  api:",
        "    <<: {}",
        "    build: .",
        "",
        "    environment: &env",
        "      A: 1",
        "    # how it starts",
        "    command: |",
        "      run --fast",
        "",
      ].join("\n"),
    );
  });

  it("refuses what it cannot move safely (flow services, keep-chomped scalars losing lines, syntax errors)", () => {
    assert.deepEqual(sortServiceKeys("services:\n  a: { restart: always, image: x }\n"), []);
    assert.deepEqual(sortServiceKeys("services:\n  a:\n    command: |+\n      x\n\n    image: x\n"), []);
    assert.deepEqual(sortServiceKeys("services:\n  a:\n    restart: [\n    image: x\n"), []);
  });

  it("a configured order wins", () => {
    assert.equal(
      sort("services:\n  a:\n    image: x\n    user: app\n", ["user", "image"]),
      "services:\n  a:\n    user: app\n    image: x\n",
    );
  });
});
