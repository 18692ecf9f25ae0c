/**
 * Bad input never escapes `lint()` as an exception, never hangs, and gets either a clear finding or none.
 * Every rule in the registry runs (rules that are off by default are switched on), so this keeps guarding
 * as rules are added. Timing limits are generous on purpose: they catch hangs; `npm run bench` measures.
 */
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { describe, it } from "node:test";
import type { ShipshapeConfig } from "../../../server/src/engine/config";
import { lint, SKIPPED_FILE_RULE_ID, type LintResult } from "../../../server/src/engine/linter";
import { allRules } from "../../../server/src/engine/rules";
import { applyEdits, LineIndex } from "../../../server/src/engine/text";
import type { FileKind } from "../../../server/src/engine/types";
import { memoryFs } from "../../../server/src/engine/workspace";
import { generateDockerfile } from "../../../bench/inputs";

// generous: a 2-core CI machine runs test files in parallel; a hang blows far past this
const LIMIT_MS = 20_000;
const KINDS: FileKind[] = ["dockerfile", "compose", "dockerignore"];
const FILE_NAME: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yml", dockerignore: ".dockerignore" };

/** Every rule on, at its default severity or `warning` when it is off by default. */
const ALL_ON: ShipshapeConfig = {
  rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity === "off" ? "warning" : r.meta.defaultSeverity])),
};

interface Case {
  name: string;
  text: () => string;
  kinds?: FileKind[];
  /** The file must be skipped with the one info finding. */
  skipped?: boolean;
}

const decoded = (bytes: number[]) => Buffer.from(bytes).toString("utf8");

/** Billion laughs: nine levels of nine aliases each (9^9 nodes if anything expanded them). */
function aliasBomb(): string {
  const lines = ['x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1] as string;
    lines.push(`x-${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  lines.push("x-env: &env", ...Array.from({ length: 9 }, (_, i) => `  K${i}: *i`));
  lines.push("services:", "  web: &web", "    image: nginx:1.27", "    environment: *env", "    command: *i", "    <<: *env");
  for (let s = 0; s < 20; s++) lines.push(`  s${s}:`, "    <<: *web", "    depends_on: *i", "    volumes: *i", "    ports: *i");
  return lines.join("\n") + "\n";
}

const CASES: Case[] = [
  { name: "an empty file", text: () => "" },
  { name: "only whitespace and blank lines", text: () => "\n\n   \n\t\n" },
  { name: "only comments", text: () => "# just a comment\n# another\n" },
  {
    name: "binary data (NUL bytes)",
    text: () => decoded([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0x00, 0x10, 0x00]),
    skipped: true,
  },
  { name: "mostly invalid UTF-8", text: () => decoded(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 0xff))), skipped: true },
  {
    name: "some invalid UTF-8 inside real text",
    text: () =>
      "FROM python:3.13-slim\nRUN echo " + decoded([0xc3, 0x28, 0xa0, 0xa1]) + "\nservices:\n  a: " + decoded([0xe2, 0x28, 0xa1]) + "\n",
  },
  { name: "CRLF line breaks", text: () => "FROM python:3.13\r\nMAINTAINER me\r\nRUN pip install x\r\nCMD python app.py\r\n" },
  {
    name: "CRLF compose",
    text: () => 'version: "3"\r\nservices:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      POSTGRES_PASSWORD: hunter2\r\n',
  },
  { name: "a byte-order mark", text: () => "\uFEFFFROM python:3.13\nUSER app\n" },
  { name: "a BOM in compose", text: () => "\uFEFFservices:\n  web:\n    image: nginx\n" },
  { name: "lone CR line breaks", text: () => "FROM python:3.13\rRUN echo hi\rservices:\r  web:\r    image: x\r" },
  { name: "a lone surrogate and odd Unicode", text: () => "FROM python:3.13\nRUN echo \ud800 \u202e \u0085 \u2028 done\nENV A=\udfff\n" },
  // half-typed lines, as the server sees them while someone types
  { name: "half-typed FROM", text: () => "FROM", kinds: ["dockerfile"] },
  { name: "half-typed FROM with a colon", text: () => "FROM python:", kinds: ["dockerfile"] },
  { name: "half-typed FROM with AS", text: () => "FROM python:3.13 AS\nFROM AS\nFROM --platform=\n", kinds: ["dockerfile"] },
  {
    name: "half-typed instructions",
    text: () =>
      "FROM python:3.13-slim\nRUN\nCMD\nENTRYPOINT [\nENV\nENV A\nENV =\nARG\nARG =x\nCOPY\nCOPY --from=\nCOPY --chown=\nADD\nUSER\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK --interval=\nEXPOSE\nEXPOSE :\nWORKDIR\nLABEL\nLABEL =\nSHELL [\nONBUILD\nONBUILD RUN\nSTOPSIGNAL\nVOLUME [\nMAINTAINER\nRUN --mount=\nRUN --mount=type=\nFROM\n",
    kinds: ["dockerfile"],
  },
  { name: "instructions before any FROM", text: () => "RUN echo hi\nUSER root\nCMD python\nCOPY . .\n", kinds: ["dockerfile"] },
  { name: "a trailing line continuation", text: () => "FROM python:3.13\nRUN apt-get install \\", kinds: ["dockerfile"] },
  {
    name: "continuations with only comments and blanks",
    text: () => "FROM python:3.13\nRUN a \\\n# c\n\n# d\n \\\n",
    kinds: ["dockerfile"],
  },
  {
    name: "half-typed compose",
    text: () =>
      "services:\n  web:\n    image: \n    ports:\n      - \n    depends_on:\n      - \n    environment:\n      - \n      - =\n      - A=\n    healthcheck:\n      test:\n    build:\n  db:\n  :\n  ? \n",
    kinds: ["compose"],
  },
  { name: "half-typed compose key", text: () => "servi", kinds: ["compose"] },
  { name: "half-typed service", text: () => "services:\n  web:\n    ima", kinds: ["compose"] },
  {
    name: "half-typed depends_on",
    text: () =>
      "services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: \n  db:\n    image: b:1\n    healthcheck:\n",
    kinds: ["compose"],
  },
  // unterminated constructs
  { name: "an unterminated heredoc", text: () => "FROM python:3.13\nRUN <<EOF\napt-get update\necho hi\n", kinds: ["dockerfile"] },
  {
    name: "an unterminated heredoc with a dash and quotes",
    text: () => 'FROM python:3.13\nRUN <<-"EOT" bash\n\techo hi\nCOPY <<EOF /x\n',
    kinds: ["dockerfile"],
  },
  { name: "many heredocs", text: () => "FROM alpine:3.20\n" + "RUN <<A <<B <<C\na\nA\nb\nB\n".repeat(200), kinds: ["dockerfile"] },
  {
    name: "unterminated quotes in RUN and CMD",
    text: () => 'FROM python:3.13\nRUN echo "hello\nRUN echo \'world\nCMD ["python", "app.py"\nENTRYPOINT ["a\nENV A="x\n',
    kinds: ["dockerfile"],
  },
  {
    name: "unterminated $( and backticks",
    text: () => "FROM python:3.13\nRUN echo $(date\nRUN echo `date\nRUN echo ${HOME\nARG X=${Y:-${Z\n",
    kinds: ["dockerfile"],
  },
  {
    name: "unterminated quotes in YAML",
    text: () => "services:\n  web:\n    image: \"nginx\n    environment:\n      A: 'x\n",
    kinds: ["compose"],
  },
  { name: "an unterminated flow collection", text: () => "services: {web: {image: nginx, ports: [80:80\n", kinds: ["compose"] },
  // structure that is valid YAML but not compose
  { name: "a YAML list at the root", text: () => "- a\n- b\n", kinds: ["compose"] },
  { name: "a scalar at the root", text: () => "hello\n", kinds: ["compose"] },
  { name: "services as a list, a string and null", text: () => "services:\n  - web\n---\nservices: web\n", kinds: ["compose"] },
  {
    name: "services with odd values",
    text: () =>
      "services:\n  a: null\n  b: 12\n  c: [1, 2]\n  d:\n    image: [x]\n    ports: {a: b}\n    environment: 5\n    depends_on: 7\n    healthcheck: [x]\n    build: [x]\n    volumes: x\n    command: {a: 1}\n  1: {}\n  true: {}\n  ? [x, y]\n  : {}\n",
    kinds: ["compose"],
  },
  {
    name: "duplicate keys and tabs",
    text: () => "services:\n  web:\n    image: a\n    image: b\n  web:\n\timage: c\n",
    kinds: ["compose"],
  },
  {
    name: "tags: !reset, !override, unknown and binary",
    text: () =>
      "services:\n  web:\n    image: !!binary aGVsbG8=\n    ports: !reset []\n    environment: !override {A: b}\n    command: !custom x\n",
    kinds: ["compose"],
  },
  {
    name: "several YAML documents",
    text: () => "services:\n  a:\n    image: x:1\n---\nservices:\n  b:\n    image: y\n...\n---\n",
    kinds: ["compose"],
  },
  { name: "an alias bomb (billion laughs)", text: aliasBomb, kinds: ["compose"] },
  {
    name: "undefined aliases and a self-merge",
    text: () => "x: &x\n  <<: *x\nservices:\n  web:\n    <<: *nope\n    image: *missing\n    depends_on: *x\n",
    kinds: ["compose"],
  },
  {
    name: "cyclic depends_on and extends",
    text: () =>
      "services:\n  a:\n    image: x:1\n    depends_on: [b]\n    extends: b\n  b:\n    image: x:1\n    depends_on:\n      a:\n        condition: service_healthy\n    extends:\n      service: a\n  c:\n    extends:\n      service: c\n    depends_on: [c]\n",
    kinds: ["compose"],
  },
  {
    name: "10,000 levels of nested YAML flow sequences",
    text: () => "services: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
    kinds: ["compose"],
  },
  {
    name: "10,000 levels of nested JSON objects",
    text: () => '{"services": ' + '{"a": '.repeat(10_000) + "1" + "}".repeat(10_000) + "}\n",
    kinds: ["compose"],
  },
  {
    name: "deeply nested block mappings (500 levels)",
    text: () => Array.from({ length: 500 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " x\n",
    kinds: ["compose"],
  },
  {
    name: "1,000 services depending on each other in a chain",
    text: () =>
      "services:\n" +
      Array.from(
        { length: 1000 },
        (_, i) => `  s${i}:\n    image: app:1\n    depends_on: [s${(i + 1) % 1000}]\n    healthcheck:\n      test: ["CMD", "true"]\n`,
      ).join(""),
    kinds: ["compose"],
  },
  // size
  { name: "a 5 MB file", text: () => "RUN echo " + "x".repeat(5 * 1024 * 1024) + "\n", skipped: true },
  { name: "a 20,000-line Dockerfile", text: () => generateDockerfile(20_000), kinds: ["dockerfile"] },
  {
    name: "a 400 KB single line (40,000 commands)",
    text: () => "FROM python:3.13\nRUN " + "echo a && ".repeat(40_000) + "true\n",
    kinds: ["dockerfile"],
  },
  {
    name: "10,000 line continuations in one RUN",
    text: () => "FROM python:3.13\nRUN true \\\n" + "  && echo hi \\\n".repeat(10_000) + "  && true\n",
    kinds: ["dockerfile"],
  },
  {
    name: "2,000 stages",
    text: () => Array.from({ length: 2000 }, (_, i) => `FROM ${i ? `s${i - 1}` : "python:3.13"} AS s${i}\nRUN echo ${i}\n`).join(""),
    kinds: ["dockerfile"],
  },
  {
    name: "self-referencing ARGs in FROM",
    text: () => "ARG A=${B}\nARG B=${A}\nARG C=${C}${C}\nFROM ${A}:${C}\nFROM $UNDEFINED\n",
    kinds: ["dockerfile"],
  },
  {
    name: "odd escape directives",
    text: () => "# escape=`\nFROM python:3.13\nRUN echo a `\n  b\n# escape=\\\nRUN x\n",
    kinds: ["dockerfile"],
  },
  {
    name: "nested shell syntax",
    text: () =>
      "FROM python:3.13\nRUN " +
      "$(".repeat(2000) +
      "x" +
      ")".repeat(2000) +
      "\nRUN " +
      "'\"".repeat(5000) +
      "\nRUN " +
      "\\\\".repeat(5000) +
      "\n",
    kinds: ["dockerfile"],
  },
  {
    name: "pathological .dockerignore patterns",
    text: () =>
      ["**/".repeat(200) + "x", "*a".repeat(300) + "b", "[", "[a-", "\\", "!", "!!", "/", "../..", "*".repeat(5000), "?".repeat(5000)].join(
        "\n",
      ) + "\n",
  },
];

function checkResult(result: LintResult, text: string, c: Case): void {
  assert.deepEqual(
    result.ruleErrors.map((e) => `${e.ruleId}: ${e.error instanceof Error ? e.error.message : String(e.error)}`),
    [],
    "no rule may throw",
  );
  if (c.skipped) {
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity]),
      [[SKIPPED_FILE_RULE_ID, "info"]],
      "the file is skipped with one info finding",
    );
    return;
  }
  const lines = new LineIndex(text);
  for (const f of result.findings) {
    assert.ok(f.message.length > 0 && !f.message.includes("{{"), `${f.ruleId}: a complete message (${f.message})`);
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.lineCount && p.character >= 0, `${f.ruleId}: range inside the file`);
      assert.ok(p.character <= lines.lineText(p.line).length, `${f.ruleId}: range inside its line`);
    }
  }
}

describe("bad input", () => {
  for (const c of CASES) {
    for (const kind of c.kinds ?? KINDS) {
      it(`${c.name} (as ${kind})`, () => {
        const text = c.text();
        const path = `/ws/${FILE_NAME[kind]}`;
        const neighbours: Record<string, string> = { [path]: text };
        if (kind === "compose") neighbours["/ws/compose.override.yml"] = text;
        if (kind === "dockerfile") neighbours["/ws/.dockerignore"] = text.length < 100_000 ? text : "";
        const fs = memoryFs(neighbours);
        const started = performance.now();
        let result: LintResult | undefined;
        assert.doesNotThrow(() => {
          result = lint({ path, text, kind, fs, config: ALL_ON, composeCache: new Map() });
        });
        const elapsed = performance.now() - started;
        assert.ok(elapsed < LIMIT_MS, `lint took ${Math.round(elapsed)} ms`);
        checkResult(result as LintResult, text, c);

        // every fix applies and the result lints again without trouble (small inputs only, to stay quick)
        if (text.length < 20_000) {
          for (const f of (result as LintResult).findings) {
            for (const fix of f.fixes) {
              const fixed = applyEdits(text, fix.edits);
              assert.doesNotThrow(() => lint({ path, text: fixed, kind, fs, config: ALL_ON }), `${f.ruleId} fix "${fix.title}"`);
            }
          }
        }
      });
    }
  }
});
