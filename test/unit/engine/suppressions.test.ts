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
});
