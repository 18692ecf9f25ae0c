import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { composeSchemaHover, composeSchemaKeys } from "../../../../server/src/engine/analysis/composeSchemaHelp";
import { ComposeFileModel } from "../../../../server/src/engine/model/compose";

function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] as string).length + 1 };
}

const TEXT =
  "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n    x-note: hi\nvolumes:\n  data: {}\n";

describe("compose schema help (without yaml-language-server)", () => {
  const model = new ComposeFileModel("/w/compose.yaml", TEXT);
  it("describes a service key from the schema, with the key's range", () => {
    const h = composeSchemaHover(model, at(TEXT, "ports"));
    assert.ok(h);
    assert.match(h.markdown, /^\*\*ports\*\* \(compose specification\): .*port/i);
    assert.deepEqual(h.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } });
  });
  it("follows sequence items and oneOf branches (the long port syntax)", () => {
    const h = composeSchemaHover(model, at(TEXT, "published"));
    assert.ok(h);
    assert.match(h.markdown, /^\*\*published\*\*/);
  });
  it("a service name resolves through the pattern to the service definition; a top-level key to its own text", () => {
    assert.ok(composeSchemaHover(model, at(TEXT, "services")));
    assert.ok(composeSchemaHover(model, at(TEXT, "volumes")));
  });
  it("says nothing off a key, or for an extension key the schema does not describe", () => {
    assert.equal(composeSchemaHover(model, at(TEXT, "nginx")), undefined);
    assert.equal(composeSchemaHover(model, at(TEXT, "x-note")), undefined);
  });
  it("lists the keys of a service, of the root, and none for a map of names", () => {
    const service = composeSchemaKeys(["services", "web"]).map((k) => k.name);
    for (const k of ["image", "build", "healthcheck", "depends_on", "environment"]) assert.ok(service.includes(k), k);
    const rootKeys = composeSchemaKeys([]).map((k) => k.name);
    assert.ok(rootKeys.includes("services") && rootKeys.includes("volumes"));
    assert.deepEqual(composeSchemaKeys(["services"]), []);
    // a nested block: the healthcheck's keys
    assert.ok(composeSchemaKeys(["services", "web", "healthcheck"]).some((k) => k.name === "interval"));
  });
  it("is bounded on a document nested far deeper than the schema", () => {
    const deep = `services:\n  web:\n    labels:\n${Array.from({ length: 300 }, (_, i) => `${" ".repeat(6 + 2 * i)}k${i}:`).join("\n")} x\n`;
    const m = new ComposeFileModel("/w/compose.yaml", deep);
    assert.doesNotThrow(() => composeSchemaHover(m, { line: 200, character: 402 }));
  });
});
