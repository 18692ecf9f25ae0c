import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateCompose } from "../../../bench/inputs";
import { schemaWindow } from "../../../server/src/services/composeWindow";
import { createYamlService } from "../../../server/src/services/yamlService";

const services = (n: number) => generateCompose(n);

describe("composeWindow: the part of a compose file yaml-language-server needs for one position", () => {
  it("keeps every line number, the service under the cursor and the top-level keys; blanks the other services", () => {
    const text = services(60) + "networks:\n  front: {}\n";
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l === "  svc30:") + 3;
    const w = schemaWindow(text, at);
    const out = w.text.split("\n");
    assert.equal(out.length, lines.length, "one line per line");
    assert.equal(out[at], lines[at], "the cursor's line");
    const own = lines.findIndex((l) => l === "  svc30:");
    const next = lines.findIndex((l) => l === "  svc31:");
    assert.deepEqual(out.slice(own, next), lines.slice(own, next), "the whole service under the cursor");
    assert.ok(out.includes("services:") && out.includes("networks:") && out.includes("  front: {}"));
    assert.ok(!out.includes("  svc0:") && !out.includes("  svc59:"), "other services blanked");
    for (let i = 0; i < lines.length; i++) assert.ok(out[i] === lines[i] || out[i] === "", `line ${i} kept or emptied`);
  });

  it("is the same window for two positions in one service, another for another service", () => {
    const text = services(60);
    const lines = text.split("\n");
    const a = lines.findIndex((l) => l === "  svc10:");
    assert.equal(schemaWindow(text, a + 1).key, schemaWindow(text, a + 4).key);
    assert.notEqual(schemaWindow(text, a + 1).key, schemaWindow(text, a + 20).key);
  });

  it("keeps a service that defines an anchor, and gives small, flow-style, multi-document or tab-indented files whole", () => {
    const text = services(60).replace("  svc5:\n", "  svc5: &base\n");
    const out = schemaWindow(text, 3).text.split("\n");
    assert.ok(out.includes("  svc5: &base"), "the anchor's service stays");
    assert.equal(schemaWindow(services(3), 3).key, "whole");
    assert.equal(schemaWindow("services: {" + "a: {}, ".repeat(300) + "}\n", 0).key, "whole");
    assert.equal(schemaWindow(services(60) + "---\nservices: {}\n", 3).key, "whole");
    assert.equal(schemaWindow(services(60).replace("    restart:", "\t   restart:"), 3).key, "whole");
  });

  it("keeps CRLF line ends on blanked lines", () => {
    const text = services(60).replace(/\n/g, "\r\n");
    const w = schemaWindow(text, 3);
    assert.notEqual(w.key, "whole");
    assert.ok(
      w.text
        .split("\n")
        .slice(0, -1)
        .every((l) => l.endsWith("\r")),
    );
  });

  it("yaml-language-server answers the same on the window as on the whole file", async () => {
    const text = services(60) + "x-base: &base\n  restart: always\n";
    const lines = text.split("\n");
    const svc = lines.findIndex((l) => l === "  svc42:");
    const windowed = createYamlService();
    const whole = createYamlService({ window: false });
    const uri = "file:///w/compose.yaml";
    const ask = async (t: string, at: { line: number; character: number }, revision: number) => ({
      hover: await windowed.hover(uri, revision, t, at),
      // another URI: both services share yaml-language-server's one cache of parses
      wholeHover: await whole.hover(`${uri}.whole`, revision, t, at),
      labels: (await windowed.complete(uri, revision, t, at)).items.map((i) => i.label).sort(),
      wholeLabels: (await whole.complete(`${uri}.whole`, revision, t, at)).items.map((i) => i.label).sort(),
    });
    // on a key of the service, on a value, on a new key being typed, on a merge of an anchor outside services
    const typed = lines.slice();
    typed.splice(svc + 1, 0, "    wor");
    const merged = lines.slice();
    merged.splice(svc + 1, 0, "    <<: *base", "    ");
    for (const [t, at] of [
      [text, { line: svc + 2, character: 6 }],
      [text, { line: svc + 2, character: 16 }],
      [typed.join("\n"), { line: svc + 1, character: 7 }],
      [merged.join("\n"), { line: svc + 2, character: 4 }],
    ] as const) {
      const r = await ask(t, at, t === text ? 1 : t.length);
      assert.deepEqual(r.hover, r.wholeHover, `hover at ${JSON.stringify(at)}`);
      assert.deepEqual(r.labels, r.wholeLabels, `completion at ${JSON.stringify(at)}`);
      assert.ok(r.labels.length > 0);
    }
    assert.notEqual(schemaWindow(text, svc + 2).key, "whole", "the windowed service did blank others");
  });
});
