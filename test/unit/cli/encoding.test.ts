import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, describe, it } from "node:test";
import { utf16Signature } from "../../../server/src/engine/encoding";
import { cli, removeTemp, tempRepo, type JsonFinding } from "./cliHarness";
import { sarifProblems } from "./sarifValidator";

/** Files saved as UTF-16 (Windows PowerShell's `>`, some editors): Docker reads UTF-8 only. */
const DOCKERFILE = "FROM python:3.13-slim\r\nMAINTAINER someone@example.com\r\n";
const COMPOSE = "services:\n  web:\n    image: nginx:1.27\n";

function utf16(text: string, order: "le" | "be", bom: boolean): Buffer {
  const le = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
  if (order === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return be;
}

const temps: string[] = [];
after(() => temps.forEach(removeTemp));

describe("CLI: files saved as UTF-16", () => {
  it("Dockerfile, compose file and .dockerignore in UTF-16 (LE/BE, with and without BOM): one finding each that names the encoding", async () => {
    const dir = tempRepo({ "utf8/Dockerfile": DOCKERFILE, "binary/Dockerfile": "\u0000\u0001\u0002 not text" });
    temps.push(dir);
    const cases: [string, Buffer, string, string][] = [
      ["le-bom/Dockerfile", utf16(DOCKERFILE, "le", true), "error", "UTF-16 (little-endian, with a byte-order mark)"],
      ["le/Dockerfile", utf16(DOCKERFILE, "le", false), "error", "UTF-16 (little-endian, without a byte-order mark)"],
      ["be-bom/Dockerfile", utf16(DOCKERFILE, "be", true), "error", "UTF-16 (big-endian, with a byte-order mark)"],
      ["compose/compose.yaml", utf16(COMPOSE, "le", true), "error", "UTF-16 (little-endian, with a byte-order mark)"],
      ["ignore/.dockerignore", utf16("node_modules\n.git\n", "le", true), "warning", "UTF-16 (little-endian, with a byte-order mark)"],
    ];
    for (const [name, bytes] of cases) {
      fs.mkdirSync(`${dir}/${name.split("/")[0]}`, { recursive: true });
      fs.writeFileSync(`${dir}/${name}`, bytes);
    }
    const r = await cli(dir, "lint", "-f", "json");
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    for (const [name, , severity, encoding] of cases) {
      const mine = findings.filter((f) => f.file === name);
      assert.equal(mine.length, 1, `${name}: ${JSON.stringify(mine)}`);
      assert.equal(mine[0]?.ruleId, "shipshape/file-encoding");
      assert.equal(mine[0]?.severity, severity);
      assert.ok(mine[0]?.message.includes(encoding), mine[0]?.message);
      assert.match(mine[0]?.message ?? "", /Save it as UTF-8/);
      assert.doesNotMatch(mine[0]?.message ?? "", /binary/);
    }
    // the UTF-8 twin is linted normally; a real binary file is still only skipped
    assert.ok(findings.some((f) => f.file === "utf8/Dockerfile" && f.ruleId === "dockerfile/maintainer-deprecated"));
    assert.deepEqual(
      findings.filter((f) => f.file === "binary/Dockerfile").map((f) => f.ruleId),
      ["shipshape/file-skipped"],
    );

    const sarif = await cli(dir, "lint", "-f", "sarif");
    const log: unknown = JSON.parse(sarif.stdout);
    assert.deepEqual(sarifProblems(log), []);
    assert.match(sarif.stdout, /"id": "shipshape\/file-encoding"/);
  });

  it("a UTF-16 .env next to a compose file: an error on the compose file that names the .env file", async () => {
    const dir = tempRepo({ "compose.yaml": COMPOSE });
    temps.push(dir);
    fs.writeFileSync(`${dir}/.env`, utf16("TAG=1.27\n", "le", true));
    const findings = JSON.parse((await cli(dir, "lint", "-f", "json")).stdout) as JsonFinding[];
    const hit = findings.filter((f) => f.ruleId === "shipshape/file-encoding");
    assert.equal(hit.length, 1);
    assert.equal(hit[0]?.file, "compose.yaml");
    assert.equal(hit[0]?.severity, "error");
    assert.match(hit[0]?.message ?? "", /`\.env` next to this compose file is saved as UTF-16/);
  });

  it("utf16Signature: not fooled by UTF-8 text, NUL-padded binary or short files", () => {
    assert.equal(utf16Signature(DOCKERFILE), undefined);
    assert.equal(utf16Signature("\u0000\u0000\u0000\u0000binary\u0000"), undefined);
    assert.equal(utf16Signature("x"), undefined);
    assert.equal(utf16Signature("\u00e9t\u00e9 caf\u00e9\n"), undefined);
    assert.deepEqual(utf16Signature(utf16("FROM x\n", "le", false).toString("utf8")), { encoding: "UTF-16LE", bom: false });
    assert.deepEqual(utf16Signature(utf16("FROM x\n", "be", true).toString("utf8")), { encoding: "UTF-16BE", bom: true });
  });
});
