import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../../server/src/engine/linter";

const ids = (path: string, text: string) =>
  lint({ path, text, throwOnRuleError: true }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe("suppressions", () => {
  const df = "FROM python:3.13-slim\nMAINTAINER a\n";
  it("fires without a comment", () => {
    assert.ok(ids("/w/Dockerfile", df).includes("dockerfile/maintainer-deprecated@2"));
  });
  it("# shipshape-ignore <id> on the line above", () => {
    const t = "FROM python:3.13-slim\n# shipshape-ignore dockerfile/maintainer-deprecated -- legacy\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# shipshape-ignore names another rule: still fires", () => {
    const t = "FROM python:3.13-slim\n# shipshape-ignore dockerfile/other-rule\nMAINTAINER a\n";
    assert.ok(ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# shipshape-ignore only covers the next instruction", () => {
    const t = "FROM python:3.13-slim\n# shipshape-ignore\nMAINTAINER a\nMAINTAINER b\n";
    assert.ok(ids("/w/Dockerfile", t).includes("dockerfile/maintainer-deprecated@4"));
    assert.ok(!ids("/w/Dockerfile", t).includes("dockerfile/maintainer-deprecated@3"));
  });
  it("# shipshape-ignore-file", () => {
    const t = "# shipshape-ignore-file dockerfile/maintainer-deprecated\nFROM python:3.13-slim\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# hadolint ignore=DL4000 maps through equivalents", () => {
    const t = "FROM python:3.13-slim\n# hadolint ignore=DL3008,DL4000\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# hadolint global ignore=DL4000", () => {
    const t = "# hadolint global ignore=DL4000\nFROM python:3.13-slim\nRUN true\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# check=skip=MaintainerDeprecated (BuildKit)", () => {
    const t = "# check=skip=MaintainerDeprecated\nFROM python:3.13-slim\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("# check=skip=all", () => {
    const t = "# check=skip=all;error=true\nFROM python:3.13-slim\nMAINTAINER a\n";
    assert.ok(!ids("/w/Dockerfile", t).some((x) => x.startsWith("dockerfile/maintainer-deprecated")));
  });
  it("compose: comment above a top-level key", () => {
    const t = "# shipshape-ignore compose/no-version-key\nversion: '3'\nservices: {}\n";
    assert.ok(!ids("/w/compose.yml", t).some((x) => x.startsWith("compose/no-version-key")));
    assert.ok(ids("/w/compose.yml", "version: '3'\nservices: {}\n").some((x) => x.startsWith("compose/no-version-key")));
  });
  it("compose: dclint disable-next-line", () => {
    const t = "# dclint disable-next-line no-version-field\nversion: '3'\nservices: {}\n";
    assert.ok(!ids("/w/compose.yml", t).some((x) => x.startsWith("compose/no-version-key")));
  });
  describe("BuildKit # check= directives", () => {
    const has = (t: string, id: string) => ids("/w/Dockerfile", t).filter((x) => x.startsWith(`${id}@`));
    it("a check= comment below the directive block covers only the next instruction", () => {
      const t = "FROM python:3.13-slim\n# check=skip=MaintainerDeprecated\nMAINTAINER a\nMAINTAINER b\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), ["dockerfile/maintainer-deprecated@4"]);
    });
    it("after an empty line the block has ended: not file-wide", () => {
      const t = "\n# check=skip=all\nRUN true\nFROM python:3.13-slim\nMAINTAINER a\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), ["dockerfile/maintainer-deprecated@5"]);
    });
    it("after another comment the block has ended: not file-wide", () => {
      const t = "# my image\n# check=skip=MaintainerDeprecated\nARG X=1\nFROM python:3.13-slim\nMAINTAINER a\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), ["dockerfile/maintainer-deprecated@5"]);
    });
    it("directives after syntax= and a shebang-free top still count", () => {
      const t = "# syntax=docker/dockerfile:1\n# check=skip=MaintainerDeprecated\nFROM python:3.13-slim\nMAINTAINER a\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), []);
    });
    it("above FROM it covers that stage only", () => {
      const t =
        "# check=skip=MaintainerDeprecated\nFROM python:3.13-slim AS a\nMAINTAINER a\n\nFROM python:3.13-slim\nMAINTAINER b\n".replace(
          /^/,
          "# first\n",
        );
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), ["dockerfile/maintainer-deprecated@7"]);
    });
    it("trailing words after the value are ignored, as BuildKit does", () => {
      const t = "FROM python:3.13-slim\n# check=skip=MaintainerDeprecated // legacy image\nMAINTAINER a\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), []);
    });
    it("an empty # between the check= comment and the instruction cancels it", () => {
      const t = "FROM python:3.13-slim\n# check=skip=MaintainerDeprecated\n#\nMAINTAINER a\n";
      assert.deepEqual(has(t, "dockerfile/maintainer-deprecated"), ["dockerfile/maintainer-deprecated@4"]);
    });
    it("check=experimental=InvalidDefinitionDescription switches on the rule that covers it (off by default)", () => {
      const body = "# VERSION the version\nARG VERSION=1\n# not a description\nARG OTHER=1\nFROM alpine:3.22\n";
      assert.deepEqual(has(body, "dockerfile/definition-description-format"), []);
      for (const d of ["# check=experimental=InvalidDefinitionDescription\n", "# check=skip=JSONArgsRecommended;experimental=all\n"])
        assert.deepEqual(has(d + body, "dockerfile/definition-description-format"), ["dockerfile/definition-description-format@5"]);
    });
    it("a rule the user switched off stays off even when the file asks for the experimental check", () => {
      const t = "# check=experimental=all\n# a\nARG VERSION=1\nFROM alpine:3.22\n";
      const found = lint({
        path: "/w/Dockerfile",
        text: t,
        config: { rules: { "dockerfile/definition-description-format": "off" } },
      }).findings.filter((f) => f.ruleId === "dockerfile/definition-description-format");
      assert.equal(found.length, 0);
    });
  });
});
