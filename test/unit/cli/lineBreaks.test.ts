import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, describe, it } from "node:test";
import { LineIndex, splitLines } from "../../../server/src/engine/text";
import { cli, removeTemp, tempRepo, type JsonFinding } from "./cliHarness";

/**
 * One mapping from offsets to lines and UTF-16 columns (LineIndex) behind every output. A file whose lines end
 * in CR, LF, CRLF or a mix, with a BOM, tabs or characters outside the BMP, reports the same findings at the
 * same lines and columns as its plain LF twin, in JSON, SARIF and the stylish text.
 */
const COMPOSE_LINES = [
  "services:",
  "  web:",
  "    image: nginx:latest",
  '    command: ["echo", "\u{1F680}\u{1F680}"]',
  "    privileged: true",
  "  db:",
  "    image: postgres",
];
/** Tabs and a non-BMP character before findings on the same line: columns count UTF-16 code units. */
const DOCKERFILE_LINES = [
  "FROM python:3.13-slim",
  "MAINTAINER \u{1F680} someone@example.com",
  "RUN echo \u{1F680}\u{1F680} && apt-get update && apt-get install -y curl",
  "RUN\tpip install flask",
  'CMD ["python", "-m", "app"]',
];

type Variant = { name: string; join: (lines: string[]) => string; bom?: boolean };
const VARIANTS: Variant[] = [
  { name: "LF", join: (l) => l.join("\n") + "\n" },
  { name: "CRLF", join: (l) => l.join("\r\n") + "\r\n" },
  { name: "CR", join: (l) => l.join("\r") + "\r" },
  { name: "mixed", join: (l) => l.map((s, i) => s + ["\n", "\r\n", "\r"][i % 3]).join("") },
  { name: "BOM", join: (l) => l.join("\n") + "\n", bom: true },
];

const temps: string[] = [];
after(() => temps.forEach(removeTemp));

function write(dir: string, name: string, variant: Variant, lines: string[]): void {
  fs.writeFileSync(`${dir}/${name}`, (variant.bom ? "\uFEFF" : "") + variant.join(lines));
}

interface Located {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

async function outputs(dir: string, file: string): Promise<{ json: Located[]; sarif: Located[]; stylish: string[] }> {
  const json = (JSON.parse((await cli(dir, "lint", file, "-f", "json", "--exit-zero")).stdout) as JsonFinding[]).map(
    ({ ruleId, line, column, endLine, endColumn }) => ({ ruleId, line, column, endLine, endColumn }),
  );
  const log = JSON.parse((await cli(dir, "lint", file, "-f", "sarif", "--exit-zero")).stdout) as {
    runs: {
      results: { ruleId: string; locations: { physicalLocation: { region: Omit<Located, "ruleId"> & Record<string, number> } }[] }[];
    }[];
  };
  const sarif = (log.runs[0]?.results ?? []).map((r) => {
    const g = r.locations[0]?.physicalLocation.region;
    return {
      ruleId: r.ruleId,
      line: g?.startLine ?? 0,
      column: g?.startColumn ?? 0,
      endLine: g?.endLine ?? 0,
      endColumn: g?.endColumn ?? 0,
    };
  });
  const stylish = (await cli(dir, "lint", file, "--exit-zero")).stdout.split("\n").filter((l) => /^\s+\d+:\d+\s/.test(l));
  return { json, sarif, stylish };
}

for (const [kind, name, lines] of [
  ["compose", "compose.yaml", COMPOSE_LINES],
  ["Dockerfile", "Dockerfile", DOCKERFILE_LINES],
] as const) {
  describe(`line breaks, BOM, tabs and non-BMP characters: ${kind}`, () => {
    const dirs = new Map<string, string>();
    for (const v of VARIANTS) {
      const dir = tempRepo({});
      temps.push(dir);
      write(dir, name, v, [...lines]);
      dirs.set(v.name, dir);
    }

    it("the LF file has findings, at columns counted in UTF-16 code units", async () => {
      const lf = await outputs(dirs.get("LF") as string, name);
      assert.ok(lf.json.length >= 3, JSON.stringify(lf.json));
      assert.deepEqual(lf.sarif, lf.json, "SARIF regions are the JSON positions");
      assert.equal(lf.stylish.length, lf.json.length);
      // a finding after the non-BMP characters: its column is the UTF-16 offset in the line, plus one
      const afterEmoji = kind === "compose" ? { line: 5, word: "privileged" } : { line: 3, word: "apt-get install" };
      const hit = lf.json.find((f) => f.line === afterEmoji.line && f.column > 1);
      if (kind === "Dockerfile") {
        const expected = (lines[2] as string).indexOf(afterEmoji.word) + 1;
        assert.ok(
          lf.json.some((f) => f.line === 3 && f.column === expected),
          `a finding at 3:${expected} (${JSON.stringify(lf.json)})`,
        );
      } else {
        assert.ok(hit, JSON.stringify(lf.json));
      }
    });

    for (const v of VARIANTS.filter((x) => x.name !== "LF")) {
      // Docker does not break Dockerfile lines at a lone CR: those files get one more finding that says so
      const loneCr = kind === "Dockerfile" && (v.name === "CR" || v.name === "mixed");
      it(`${v.name}: the same findings at the same lines and columns as the LF twin, in every format${loneCr ? ", plus the lone-CR error" : ""}`, async () => {
        const [lf, other] = await Promise.all([outputs(dirs.get("LF") as string, name), outputs(dirs.get(v.name) as string, name)]);
        const extra = (l: Located[]) => l.filter((f) => f.ruleId === "shipshape/line-breaks");
        const rest = (l: Located[]) => l.filter((f) => f.ruleId !== "shipshape/line-breaks");
        assert.deepEqual(rest(other.json), lf.json);
        assert.deepEqual(rest(other.sarif), lf.sarif);
        assert.deepEqual(
          other.stylish.filter((l) => !l.includes("shipshape/line-breaks")),
          lf.stylish,
        );
        assert.equal(extra(other.json).length, loneCr ? 1 : 0);
        assert.deepEqual(extra(other.sarif), extra(other.json));
        if (loneCr) {
          // the first lone CR ends line 1 (CR) or line 3 (mixed: LF, CRLF, CR, …)
          const at = v.name === "CR" ? 0 : 2;
          assert.deepEqual([extra(other.json)[0]?.line, extra(other.json)[0]?.column], [at + 1, (lines[at] as string).length + 1]);
        }
      });
    }
  });
}

describe("LineIndex: the one offset -> line/UTF-16 column mapping", () => {
  it("counts LF, CRLF and a lone CR as one line break each, like splitLines", () => {
    const text = "a\nb\r\nc\rd\u{1F680}x\te";
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(splitLines(text), ["a", "b", "c", "d\u{1F680}x\te"]);
    for (let line = 0; line < index.lineCount; line++) assert.equal(index.lineText(line), splitLines(text)[line]);
    assert.deepEqual(index.positionAt(text.indexOf("x")), { line: 3, character: 3 }, "a non-BMP character is two UTF-16 units");
    assert.deepEqual(index.positionAt(text.indexOf("e")), { line: 3, character: 5 }, "a tab is one");
    assert.equal(index.offsetAt({ line: 2, character: 0 }), text.indexOf("c"));
    assert.equal(index.offsetAt({ line: 1, character: 99 }), text.indexOf("\r\n"), "clamped before the line break");
    assert.equal(new LineIndex("x\ry\r\nz").eol, "\r");
    assert.equal(new LineIndex("x\r\ny\nz").eol, "\r\n");
  });
});
